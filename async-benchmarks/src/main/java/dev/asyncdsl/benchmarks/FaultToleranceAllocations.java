package dev.asyncdsl.benchmarks;

import dev.asyncdsl.FaultTolerance;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A diagnostic outside the report: the bytes one asyncdsl guarded call allocates on the caller's
 * thread, per scenario of {@link FaultToleranceOverhead} (inline executor), counted exactly with
 * {@code ThreadMXBean.getCurrentThreadAllocatedBytes} over a million calls after a warm-up. Run one
 * scenario under JFR to see which objects they are:
 *
 * <pre>
 * java -XX:StartFlightRecording:filename=ft.jfr,jdk.ObjectAllocationSample#throttle=100000/s \
 *   -cp async-benchmarks/target/benchmarks.jar dev.asyncdsl.benchmarks.FaultToleranceAllocations retry_ok
 * jfr print --events jdk.ObjectAllocationSample ft.jfr
 * </pre>
 *
 * JDK 19 or later. Scenarios: {@code retry_ok retry_fail circuit_ok circuit_fail bulkhead_ok
 * bulkhead_fail timeout_ok timeout_fail open_ok none_ok none_fail}; none given: all of them, one
 * line each.
 */
public final class FaultToleranceAllocations {
  private static final Executor INLINE = Runnable::run;
  private static final int CALLS = 1_000_000;

  private FaultToleranceAllocations() {}

  public static void main(String[] args) {
    String[] scenarios =
        args.length > 0
            ? args
            : new String[] {
              "none_ok",
              "none_fail",
              "retry_ok",
              "retry_fail",
              "circuit_ok",
              "circuit_fail",
              "bulkhead_ok",
              "bulkhead_fail",
              "timeout_ok",
              "timeout_fail",
              "open_ok"
            };
    for (String scenario : scenarios) {
      Call call = scenario(scenario);
      for (int i = 0; i < 3 * CALLS; i++) {
        call.once(i);
      }
      com.sun.management.ThreadMXBean threads =
          (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      long before = threads.getCurrentThreadAllocatedBytes();
      long started = System.nanoTime();
      for (int i = 0; i < CALLS; i++) {
        call.once(i);
      }
      long nanos = System.nanoTime() - started;
      long bytes = threads.getCurrentThreadAllocatedBytes() - before;
      System.out.printf(
          "%-14s %8.1f B/call %8.1f ns/call%n",
          scenario, bytes / (double) CALLS, nanos / (double) CALLS);
    }
  }

  private interface Call {
    void once(int i);
  }

  static volatile Object sink;

  // resultNow and exceptionNow (JDK 19+) read an outcome without allocating; this compiles for 17.
  private static final MethodHandle RESULT_NOW;
  private static final MethodHandle EXCEPTION_NOW;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      RESULT_NOW =
          lookup.findVirtual(
              CompletableFuture.class, "resultNow", MethodType.methodType(Object.class));
      EXCEPTION_NOW =
          lookup.findVirtual(
              CompletableFuture.class, "exceptionNow", MethodType.methodType(Throwable.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError("needs JDK 19 or later: " + e);
    }
  }

  static void keep(CompletableFuture<?> f) {
    try {
      sink =
          f.isCompletedExceptionally()
              ? (Throwable) EXCEPTION_NOW.invokeExact(f)
              : (Object) RESULT_NOW.invokeExact(f);
    } catch (Throwable unexpected) {
      throw new AssertionError(unexpected);
    }
  }

  private static Call scenario(String name) {
    String[] parts = name.split("_");
    boolean ok = parts[1].equals("ok");
    FaultTolerance ft;
    switch (parts[0]) {
      case "none":
        ft = FaultTolerance.of("Bench.none()").build();
        break;
      case "retry":
        ft =
            FaultTolerance.of("Bench.retry()")
                .retry(3)
                .retryDelay(0, TimeUnit.MILLISECONDS)
                .build();
        break;
      case "circuit":
        ft =
            ok
                ? FaultTolerance.of("Bench.circuit()")
                    .circuitBreaker(20, 0.5, 5, TimeUnit.SECONDS, 1)
                    .build()
                : FaultTolerance.of("Bench.circuit()")
                    .circuitBreaker(FaultToleranceOverhead.HUGE_VOLUME, 1.0, 1, TimeUnit.HOURS, 1)
                    .build();
        break;
      case "bulkhead":
        ft = FaultTolerance.of("Bench.bulkhead()").bulkhead(10, 10).build();
        break;
      case "timeout":
        ft = FaultTolerance.of("Bench.timeout()").timeout(10, TimeUnit.SECONDS).build();
        break;
      case "open":
        ft = FaultTolerance.of("Bench.open()").circuitBreaker(1, 1.0, 1, TimeUnit.HOURS, 1).build();
        ft.call(INLINE, () -> FaultToleranceOverhead.fail(0)).handle((v, t) -> t).join();
        break;
      default:
        throw new IllegalArgumentException(name);
    }
    FaultTolerance policy = ft;
    return ok
        ? i -> keep(policy.call(INLINE, () -> FaultToleranceOverhead.echo(i)))
        : i -> keep(policy.call(INLINE, () -> FaultToleranceOverhead.fail(i)));
  }
}
