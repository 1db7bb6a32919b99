package dev.asyncdsl.benchmarks;

import dev.asyncdsl.AsyncRuntime;
import dev.asyncdsl.internal.context.Propagation;
import dev.asyncdsl.spi.ContextPropagator;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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

/**
 * A diagnostic outside the report: {@link ContextOverhead#twinMdc}'s call with {@link
 * ContextAllocations.LogbackSketch} registered instead of the library's {@code MdcPropagator}, to
 * see what a propagator using logback's read-only map would cost per call in the same setting:
 *
 * <pre>
 * java -jar async-benchmarks/target/benchmarks.jar MdcSketchOverhead -f 1 -wi 3 -i 5 -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MdcSketchOverhead {
  @Param({"virtual", "fixed4", "inline"})
  public String executor;

  private final int x = 42;
  private ExecutorService owned;
  private RequestScopedAsync twin;
  private ContextAllocations.LogbackSketch sketch;

  @Setup
  public void setUp() {
    Executor exec;
    switch (executor) {
      case "virtual":
        if (!AsyncRuntime.usesVirtualThreads()) {
          throw new IllegalStateException("virtual threads need JDK 21 or later");
        }
        exec = AsyncRuntime.defaultExecutor();
        break;
      case "fixed4":
        owned = Executors.newFixedThreadPool(4);
        exec = owned;
        break;
      case "inline":
        exec = Runnable::run;
        break;
      default:
        throw new IllegalArgumentException(executor);
    }
    twin = new RequestScopedAsync(new RequestScoped(), exec);
    for (ContextPropagator<?, ?> p : Propagation.inUse()) {
      ContextPropagator.unregister(p);
    }
    sketch = new ContextAllocations.LogbackSketch();
    ContextPropagator.register(sketch);
  }

  @TearDown
  public void tearDown() {
    ContextPropagator.unregister(sketch);
    if (owned != null) {
      owned.shutdownNow();
    }
  }

  /** The twin, carrying the MDC with the sketch. */
  @Benchmark
  public int twinLogbackSketch(ContextOverhead.Caller caller) {
    int result = twin.echo(x).join();
    if (result != RequestScoped.expected(x)) {
      throw new IllegalStateException("the body did not see the caller's request id");
    }
    return result;
  }
}
