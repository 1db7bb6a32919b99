package dev.asyncdsl.benchmarks;

import dev.asyncdsl.context.slf4j.MdcPropagator;
import dev.asyncdsl.spi.ContextPropagator;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.MDC;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import org.springframework.core.task.support.TaskExecutorAdapter;

/**
 * One call and its {@code join()} from a caller whose MDC holds a request id, with a body that
 * reads it ({@link RequestScoped#echo}): what carrying the MDC costs per call, asyncdsl's {@link
 * MdcPropagator} against Spring's and Resilience4j's ways of doing it, on the same executor. The
 * MDC is logback's ({@code LogbackMDCAdapter}).
 *
 * <ul>
 *   <li>{@code twinNoPropagator}: the twin with no propagator registered (the state's setup
 *       unregisters any that is), the baseline: it should cost what {@code CallOverhead.twin} does;
 *   <li>{@code twinMdc}: the same twin call with {@link MdcPropagator} registered ({@link
 *       ContextPropagator#register} in the setup, unregistered in the teardown; the benchmarks jar
 *       leaves its {@code META-INF/services} file out, so no other benchmark carries it);
 *   <li>{@code springDecorator}: {@code supplyAsync(body, executor)} on the executor wrapped in
 *       Spring's {@link TaskExecutorAdapter} with a {@link ContextPropagatingTaskDecorator} over a
 *       Micrometer {@link ContextRegistry} that holds one {@link Slf4jThreadLocalAccessor} for the
 *       key (a registry of its own: the global one would also capture Micrometer's observation);
 *   <li>{@code resilience4jPropagator}: {@code supplyAsync(body, executor)} on the executor with
 *       every task decorated by Resilience4j's {@code
 *       ContextPropagator.decorateRunnable(propagator, task)}, with an MDC propagator written as
 *       Resilience4j's documentation shows (retrieve {@code MDC.getCopyOfContextMap()}, copy {@code
 *       MDC.setContextMap}, clear {@code MDC.clear()}): the single-propagator form, its cheapest;
 *   <li>{@code supplyAsync}: the plain {@code supplyAsync(body, executor)}, nothing carried.
 * </ul>
 *
 * <p>The carrying contenders check on every call that the body saw the request id. Resilience4j's
 * {@code clear} empties the MDC of the thread that ran the task: on the {@code inline} executor
 * that is the caller's, so there its benchmark puts the request id back after each call (what its
 * caller would have to do), and pays for it. {@code virtual}, {@code fixed4} and {@code inline} are
 * the executors of {@code CallOverhead}; {@code virtual} needs JDK 21+ (its setup fails on 17: run
 * with {@code -p executor=fixed4,inline} there). Run with {@code -prof gc} for bytes per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ContextOverhead {
  @Param({"virtual", "fixed4", "inline"})
  public String executor;

  private int x;
  private boolean inline;
  private Executor exec;
  private RequestScoped target;
  private RequestScopedAsync twin;
  private Executor spring;
  private Executor resilience4j;

  @Setup
  public void setUp() {
    exec = BenchExecutors.of(executor);
    inline = executor.equals("inline");
    x = 42;
    target = new RequestScoped();
    twin = new RequestScopedAsync(target, exec);

    ContextRegistry registry =
        new ContextRegistry()
            .registerThreadLocalAccessor(new Slf4jThreadLocalAccessor(RequestScoped.KEY));
    TaskExecutorAdapter adapter = new TaskExecutorAdapter(exec);
    adapter.setTaskDecorator(
        new ContextPropagatingTaskDecorator(
            ContextSnapshotFactory.builder().contextRegistry(registry).build()));
    spring = adapter;

    Resilience4jMdc propagator = new Resilience4jMdc();
    resilience4j =
        task ->
            exec.execute(
                io.github.resilience4j.core.ContextPropagator.decorateRunnable(propagator, task));
  }

  @TearDown
  public void tearDown() {
    BenchExecutors.release(exec);
  }

  /** The caller's MDC: one key, the request id, set on the benchmark thread. */
  @State(Scope.Thread)
  public static class Caller {
    @Setup(Level.Iteration)
    public void enter() {
      MDC.put(RequestScoped.KEY, RequestScoped.ID);
    }

    @TearDown(Level.Iteration)
    public void leave() {
      MDC.clear();
    }
  }

  /** No propagator in use: unregisters any, whether registered in code or by ServiceLoader. */
  @State(Scope.Benchmark)
  public static class NoPropagator {
    @Setup
    public void setUp() {
      for (ContextPropagator<?, ?> p : ContextPropagator.registered()) {
        ContextPropagator.unregister(p);
      }
    }
  }

  /** {@link MdcPropagator} in use, alone, for as long as the benchmark runs. */
  @State(Scope.Benchmark)
  public static class WithMdc {
    private final MdcPropagator propagator = new MdcPropagator();

    @Setup
    public void setUp() {
      for (ContextPropagator<?, ?> p : ContextPropagator.registered()) {
        ContextPropagator.unregister(p);
      }
      ContextPropagator.register(propagator);
    }

    @TearDown
    public void tearDown() {
      ContextPropagator.unregister(propagator);
    }
  }

  /**
   * An MDC propagator for Resilience4j, as its documentation writes one: the caller's MDC copied,
   * set on the thread that runs the task, cleared after.
   */
  static final class Resilience4jMdc
      implements io.github.resilience4j.core.ContextPropagator<Map<String, String>> {
    @Override
    public Supplier<Optional<Map<String, String>>> retrieve() {
      return () -> Optional.ofNullable(MDC.getCopyOfContextMap());
    }

    @Override
    public Consumer<Optional<Map<String, String>>> copy() {
      return t -> t.ifPresent(MDC::setContextMap);
    }

    @Override
    public Consumer<Optional<Map<String, String>>> clear() {
      return t -> MDC.clear();
    }
  }

  private int checked(int result) {
    if (result != RequestScoped.expected(x)) {
      throw new IllegalStateException("the body did not see the caller's request id");
    }
    return result;
  }

  /** The twin, no propagator: the baseline. */
  @Benchmark
  public int twinNoPropagator(Caller caller, NoPropagator none) {
    return twin.echo(x).join();
  }

  /** The twin, carrying the MDC with {@link MdcPropagator}. */
  @Benchmark
  public int twinMdc(Caller caller, WithMdc mdc) {
    return checked(twin.echo(x).join());
  }

  /** Spring's {@link ContextPropagatingTaskDecorator} with Micrometer's MDC accessor. */
  @Benchmark
  public int springDecorator(Caller caller) {
    return checked(CompletableFuture.supplyAsync(() -> target.echo(x), spring).join());
  }

  /** Resilience4j's {@code ContextPropagator.decorateRunnable} with an MDC propagator. */
  @Benchmark
  public int resilience4jPropagator(Caller caller) {
    int result = CompletableFuture.supplyAsync(() -> target.echo(x), resilience4j).join();
    if (inline) {
      MDC.put(RequestScoped.KEY, RequestScoped.ID);
    }
    return checked(result);
  }

  /** Nothing carried. */
  @Benchmark
  public int supplyAsync(Caller caller) {
    return CompletableFuture.supplyAsync(() -> target.echo(x), exec).join();
  }
}
