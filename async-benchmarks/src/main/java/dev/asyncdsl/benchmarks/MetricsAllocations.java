package dev.asyncdsl.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The bytes one call of a {@link MetricsOverhead} contender allocates on the caller's thread,
 * counted exactly with {@code ThreadMXBean.getCurrentThreadAllocatedBytes} over about two seconds
 * of calls (at least 10,000) after three seconds of them (inline executor, as {@link
 * FaultToleranceAllocations} counts). What other threads allocate is not counted: Resilience4j's
 * retry runs each next attempt on its scheduler's thread, so its failing calls are mostly
 * elsewhere; JMH's {@code gc.alloc.rate.norm} counts every thread. One contender per process
 * (SmallRye is configured once per JVM):
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
 * With {@code -Dmetrics.histogram=N} under Epsilon ({@code -XX:+UnlockExperimentalVMOptions
 * -XX:+UseEpsilonGC -Xmx10g}, which frees nothing: shorten the run with {@code
 * -Dmetrics.warmup.ms=500 -Dmetrics.measure.ms=100}), each scenario also lists the objects N more
 * calls left in the heap, class by class, per call: exact counts where JFR's samples are estimates.
 *
 * <p>Scenarios as {@link MetricsOverhead} names them ({@code plain_ok}, {@code retry_fail}, ...);
 * none given: those the contender has in {@link MetricsOverhead}. One line per scenario: {@code
 * scenario_outcome_contender B/call ns/call cpu-ns/call calls}, where ns is wall time and cpu-ns
 * the process's CPU time (every thread of it: the scheduler's, the collector's) per call, which
 * other processes on a busy machine disturb far less. JDK 19 or later.
 */
public final class MetricsAllocations {
  private static final Executor INLINE = Runnable::run;
  private static final long WARM_UP_NANOS = Long.getLong("metrics.warmup.ms", 3_000) * 1_000_000L;
  private static final double MEASURE_NANOS = Long.getLong("metrics.measure.ms", 2_000) * 1e6;
  private static final int PROBE = 10_000;
  private static final int HISTOGRAM_CALLS = Integer.getInteger("metrics.histogram", 0);

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
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    for (String scenario : scenarios) {
      String[] parts = scenario.split("_");
      boolean ok = parts[1].equals("ok");
      MetricsContenders.Contender c = MetricsContenders.make(name, parts[0], ok, INLINE, scheduler);
      try {
        // Three seconds of calls to warm up, then as many calls as take about two seconds at
        // the warm-up's last rate (at least 10,000): long enough that a compilation on another
        // thread does not weigh on the process's CPU time.
        long warmUntil = System.nanoTime() + WARM_UP_NANOS;
        long rateStart = System.nanoTime();
        int sinceRateStart = 0;
        int i0 = 0;
        while (true) {
          for (int k = 0; k < 1_000; k++) {
            once(c, ok, i0++);
          }
          sinceRateStart += 1_000;
          long now = System.nanoTime();
          if (now - warmUntil >= 0) {
            break;
          }
          if (now - rateStart > WARM_UP_NANOS / 3) {
            rateStart = now;
            sinceRateStart = 0;
          }
        }
        double perCall = (System.nanoTime() - rateStart) / (double) sinceRateStart;
        int calls = (int) Math.max(PROBE, Math.min(Integer.MAX_VALUE / 2, MEASURE_NANOS / perCall));
        long before = threads.getCurrentThreadAllocatedBytes();
        long cpuBefore = os.getProcessCpuTime();
        long started = System.nanoTime();
        for (int i = 0; i < calls; i++) {
          once(c, ok, i);
        }
        long nanos = System.nanoTime() - started;
        long cpu = os.getProcessCpuTime() - cpuBefore;
        long bytes = threads.getCurrentThreadAllocatedBytes() - before;
        c.checkRecords();
        c.checkState();
        System.out.printf(
            "%-32s %8.1f B/call %8.1f ns/call %8.1f cpu-ns/call %8d calls%n",
            scenario + "_" + name,
            bytes / (double) calls,
            nanos / (double) calls,
            cpu / (double) calls,
            calls);
        if (HISTOGRAM_CALLS > 0) {
          histogram(c, ok);
        }
      } finally {
        c.close();
      }
    }
    // SmallRye's timer thread is not a daemon.
    System.exit(0);
  }

  /**
   * The objects {@link #HISTOGRAM_CALLS} calls leave in the heap, class by class, per call: exact
   * under Epsilon, the collector that frees nothing ({@code -XX:+UnlockExperimentalVMOptions
   * -XX:+UseEpsilonGC -Xmx8g}), between two class histograms taken without a collection.
   */
  private static void histogram(MetricsContenders.Contender c, boolean ok) {
    // What taking a histogram leaves itself (h1 - h0) is taken off what the calls left (h2 - h1).
    Map<String, long[]> h0 = heap();
    Map<String, long[]> h1 = heap();
    for (int i = 0; i < HISTOGRAM_CALLS; i++) {
      once(c, ok, i);
    }
    Map<String, long[]> h2 = heap();
    List<Map.Entry<String, long[]>> rows = new ArrayList<>();
    for (Map.Entry<String, long[]> e : h2.entrySet()) {
      long[] a = h0.getOrDefault(e.getKey(), new long[2]);
      long[] b = h1.getOrDefault(e.getKey(), new long[2]);
      long[] grew = new long[2];
      for (int k = 0; k < 2; k++) {
        grew[k] = (e.getValue()[k] - b[k]) - (b[k] - a[k]);
      }
      if (grew[0] * 100L >= HISTOGRAM_CALLS) {
        rows.add(Map.entry(e.getKey(), grew));
      }
    }
    rows.sort((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]));
    for (Map.Entry<String, long[]> row : rows) {
      System.out.printf(
          "  %8.2f objects/call %8.1f B/call  %s%n",
          row.getValue()[0] / (double) HISTOGRAM_CALLS,
          row.getValue()[1] / (double) HISTOGRAM_CALLS,
          row.getKey());
    }
  }

  /** Instances and bytes per class now in the heap, dead ones included (no collection). */
  private static Map<String, long[]> heap() {
    String text;
    try {
      text =
          (String)
              ManagementFactory.getPlatformMBeanServer()
                  .invoke(
                      new ObjectName("com.sun.management:type=DiagnosticCommand"),
                      "gcClassHistogram",
                      new Object[] {new String[] {"-all"}},
                      new String[] {String[].class.getName()});
    } catch (JMException e) {
      throw new IllegalStateException(e);
    }
    Map<String, long[]> classes = new HashMap<>();
    for (String line : text.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 4 && f[0].endsWith(":")) {
        classes.put(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
      }
    }
    return classes;
  }

  private static void once(MetricsContenders.Contender c, boolean ok, int i) {
    CompletableFuture<Integer> f = (ok ? c.ok(i) : c.fail(i)).toCompletableFuture();
    // As FaultToleranceOverhead.consume waits: a short spin, then blocked (a call finished on
    // another thread, Resilience4j's scheduler's), so the CPU time is not the caller's spinning.
    for (int spins = 0; !f.isDone() && spins < 1_000; spins++) {
      Thread.onSpinWait();
    }
    if (!f.isDone()) {
      try {
        f.get();
      } catch (Exception outcome) {
        // kept below
      }
    }
    FaultToleranceAllocations.keep(f);
  }
}
