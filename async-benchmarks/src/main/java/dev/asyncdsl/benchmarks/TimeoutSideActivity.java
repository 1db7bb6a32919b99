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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A diagnostic beside {@link CallOverhead}, not part of the report: why a hand-written {@code
 * orTimeout} call on virtual threads measures faster than the same call without it. Is it the
 * activity of the JDK's delay scheduler beside the call, or the timeout on the call's own future?
 * The {@code …SideTimer} benchmarks arm and cancel an {@code orTimeout} on an unrelated future,
 * before the call or between the call and its {@code join()}, around an otherwise unchanged call.
 *
 * <p>Run: {@code java -jar async-benchmarks/target/benchmarks.jar TimeoutSideActivity}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TimeoutSideActivity {
  private int x;
  private Executor exec;
  private Trivial target;
  private TrivialAsync twin;

  @Setup
  public void setUp() {
    if (!AsyncRuntime.usesVirtualThreads()) {
      throw new IllegalStateException("virtual threads need JDK 21 or later");
    }
    exec = AsyncRuntime.defaultExecutor();
    x = 42;
    target = new Trivial();
    twin = new TrivialAsync(target, exec);
  }

  @Benchmark
  public int handWritten() {
    return CompletableFuture.supplyAsync(() -> target.echo(x), exec).join();
  }

  @Benchmark
  public int handWrittenTimeout() {
    return CompletableFuture.supplyAsync(() -> target.echo(x), exec)
        .orTimeout(10, TimeUnit.SECONDS)
        .join();
  }

  @Benchmark
  public int handWrittenSideTimer() {
    CompletableFuture<Integer> side =
        new CompletableFuture<Integer>().orTimeout(10, TimeUnit.SECONDS);
    int result = CompletableFuture.supplyAsync(() -> target.echo(x), exec).join();
    side.complete(result);
    return result;
  }

  @Benchmark
  public int twinTimeout() {
    return twin.echoTimed(x).join();
  }

  @Benchmark
  public int handWrittenSideTimerBeforeJoin() {
    CompletableFuture<Integer> call = CompletableFuture.supplyAsync(() -> target.echo(x), exec);
    CompletableFuture<Integer> side =
        new CompletableFuture<Integer>().orTimeout(10, TimeUnit.SECONDS);
    int result = call.join();
    side.complete(result);
    return result;
  }
}
