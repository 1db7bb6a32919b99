package dev.asyncdsl.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The bytes one call of a {@link MetricsOverhead} contender allocates on the caller's thread,
 * counted exactly with {@code ThreadMXBean.getCurrentThreadAllocatedBytes} over a million calls
 * after a warm-up (inline executor, as {@link FaultToleranceAllocations} counts). What other
 * threads allocate is not counted: Resilience4j's retry runs each next attempt on its scheduler's
 * thread, so its failing calls are mostly elsewhere; JMH's {@code gc.alloc.rate.norm} counts every
 * thread. One contender per process (SmallRye is configured once per JVM):
 *
 * <pre>
 * java -cp async-benchmarks/target/benchmarks.jar dev.asyncdsl.benchmarks.MetricsAllocations \
 *   asyncdslMetrics retry_ok retry_fail all_ok all_fail
 * java -XX:StartFlightRecording:filename=m.jfr,jdk.ObjectAllocationSample#throttle=1000000/s \
 *   -cp async-benchmarks/target/benchmarks.jar dev.asyncdsl.benchmarks.MetricsAllocations \
 *   asyncdslMetrics retry_fail
 * jfr print --events jdk.ObjectAllocationSample m.jfr
 * </pre>
 *
 * Scenarios as {@link MetricsOverhead} names them ({@code plain_ok}, {@code retry_fail}, ...); none
 * given: those the contender has in {@link MetricsOverhead}. One line per scenario: {@code
 * scenario_outcome_contender B/call ns/call}. JDK 19 or later.
 */
public final class MetricsAllocations {
  private static final Executor INLINE = Runnable::run;
  private static final int CALLS = 1_000_000;

  private MetricsAllocations() {}

  public static void main(String[] args) {
    if (args.length == 0 || !Arrays.asList(MetricsContenders.ALL).contains(args[0])) {
      System.err.println(
          "usage: MetricsAllocations CONTENDER [scenario_outcome ...]; contenders: "
              + String.join(" ", MetricsContenders.ALL));
      System.exit(2);
    }
    String name = args[0];
    List<String> scenarios = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
    if (scenarios.isEmpty()) {
      for (java.lang.reflect.Method m : MetricsOverhead.class.getMethods()) {
        String[] parts = m.getName().split("_");
        if (parts.length == 3 && parts[2].equals(name)) {
          scenarios.add(parts[0] + "_" + parts[1]);
        }
      }
      scenarios.sort(null);
    }
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "scheduler");
              t.setDaemon(true);
              return t;
            });
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (String scenario : scenarios) {
      String[] parts = scenario.split("_");
      boolean ok = parts[1].equals("ok");
      MetricsContenders.Contender c = MetricsContenders.make(name, parts[0], ok, INLINE, scheduler);
      try {
        for (int i = 0; i < 3 * CALLS; i++) {
          once(c, ok, i);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        long started = System.nanoTime();
        for (int i = 0; i < CALLS; i++) {
          once(c, ok, i);
        }
        long nanos = System.nanoTime() - started;
        long bytes = threads.getCurrentThreadAllocatedBytes() - before;
        c.checkRecords();
        c.checkState();
        System.out.printf(
            "%-32s %8.1f B/call %8.1f ns/call%n",
            scenario + "_" + name, bytes / (double) CALLS, nanos / (double) CALLS);
      } finally {
        c.close();
      }
    }
    // SmallRye's timer thread is not a daemon.
    System.exit(0);
  }

  private static void once(MetricsContenders.Contender c, boolean ok, int i) {
    CompletableFuture<Integer> f = (ok ? c.ok(i) : c.fail(i)).toCompletableFuture();
    while (!f.isDone()) {
      Thread.onSpinWait();
    }
    FaultToleranceAllocations.keep(f);
  }
}
