package dev.asyncdsl.benchmarks;

import dev.asyncdsl.AsyncRuntime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * One call and its {@code join()}: the twin against the hand-written future a user would write
 * instead, on the same executor, and Spring's {@code @Async} proxy on that executor too.
 *
 * <p>{@code virtual} is {@link AsyncRuntime#defaultExecutor()} on JDK 21+ (a new virtual thread per
 * call, what twins use by default); {@code fixed4} is {@code Executors.newFixedThreadPool(4)};
 * {@code inline} runs the call on the caller's thread ({@code Runnable::run}), which takes the
 * thread hand-off and its noise out and leaves only what each contender itself costs (there a
 * hand-written {@code orTimeout} arms nothing: the future is complete before it is called). The
 * timed variants arm a 10 s timeout that never fires: the twin's {@code @Timeout} against {@code
 * supplyAsync(...).orTimeout(...)}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 3,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class CallOverhead {
  @Param({"virtual", "fixed4", "inline"})
  public String executor;

  private int x;
  private Executor exec;
  private Trivial target;
  private TrivialAsync twin;
  private SpringTarget spring;
  private AnnotationConfigApplicationContext context;

  @Setup
  public void setUp() {
    exec = BenchExecutors.of(executor);
    x = 42;
    target = new Trivial();
    twin = new TrivialAsync(target, exec);
    context = SpringSetup.context(exec);
    spring = context.getBean(SpringTarget.class);
    if (spring.getClass() == SpringTarget.class) {
      throw new IllegalStateException("Spring did not proxy the @Async bean");
    }
  }

  @TearDown
  public void tearDown() {
    context.close();
    BenchExecutors.release(exec);
  }

  /** What a user writes without the library. */
  @Benchmark
  public int handWritten() {
    return CompletableFuture.supplyAsync(() -> target.echo(x), exec).join();
  }

  /** The generated twin's method. */
  @Benchmark
  public int twin() {
    return twin.echo(x).join();
  }

  /** Spring's {@code @Async} proxy. */
  @Benchmark
  public int spring() {
    return spring.echo(x).join();
  }

  /** Hand-written, with the JDK's own timeout. */
  @Benchmark
  public int handWrittenTimeout() {
    return CompletableFuture.supplyAsync(() -> target.echo(x), exec)
        .orTimeout(10, TimeUnit.SECONDS)
        .join();
  }

  /** The twin's method under {@code @Timeout(10 s)}. */
  @Benchmark
  public int twinTimeout() {
    return twin.echoTimed(x).join();
  }
}
