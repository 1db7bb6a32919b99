package dev.asyncdsl.benchmarks;

import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What recording a call's metrics in Micrometer costs per call: asyncdsl's binder ({@code new
 * AsyncMetrics().bindTo(registry)}, MicroProfile Fault Tolerance's metric names) against SmallRye
 * Fault Tolerance's own Micrometer metrics and Resilience4j's {@code resilience4j-micrometer}
 * binders, each with and without its metrics, the same body and policies, all in {@link
 * FaultToleranceOverhead}'s shape (inline executor, a fresh body lambda per call, the outcome read
 * without allocating); plus what asyncdsl's events SPI costs with a listener that follows nothing
 * and with one whose observer does nothing. {@link MetricsContenders} makes every contender and
 * says exactly how each is configured.
 *
 * <p>Names are {@code scenario_outcome_contender}: scenarios {@code plain} (a named call, no
 * policy: the SPI rows), {@code retry} (3 retries, no delay) and {@code all} (timeout, retry and
 * circuit breaker); outcomes {@code ok} (the body returns) and {@code fail} (it throws, so a call
 * is four attempts); contenders as {@link MetricsContenders} lists them. A benchmark's contender is
 * made from its name, in a fork of its own (SmallRye is configured once per JVM, with metrics or
 * without). The setup makes one call and checks that the metrics moved (the listener was asked, the
 * meters counted), and the teardown checks it again and that no circuit opened: nobody is measured
 * on a path whose metrics are off. Run with {@code -prof gc} for bytes per call; {@link
 * MetricsAllocations} counts them exactly on the caller's thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class MetricsOverhead {
  /** The contender a benchmark names, made for it alone. */
  @State(Scope.Benchmark)
  public static class Contestant {
    /** {@code inline}, {@code fixed4} or {@code virtual}: see {@link BenchExecutors}. */
    @Param({"inline"})
    public String executor;

    int x = 42;
    Executor exec;
    ScheduledExecutorService scheduler;
    MetricsContenders.Contender contender;

    @Setup
    public void setUp(BenchmarkParams params) {
      String benchmark = params.getBenchmark();
      String[] parts = benchmark.substring(benchmark.lastIndexOf('.') + 1).split("_");
      exec = BenchExecutors.of(executor);
      scheduler = Executors.newSingleThreadScheduledExecutor();
      contender =
          MetricsContenders.make(parts[2], parts[0], parts[1].equals("ok"), exec, scheduler);
    }

    @TearDown
    public void tearDown() {
      try {
        contender.checkRecords();
        contender.checkState();
      } finally {
        contender.close();
        scheduler.shutdownNow();
        BenchExecutors.release(exec);
      }
    }
  }

  // --- a named call, no policy (the SPI's cost alone) ---------------------------------------

  @Benchmark
  public void plain_ok_asyncdsl(Contestant s, Blackhole bh) {
    FaultToleranceOverhead.consume(s.contender.ok(s.x), bh);
  }

  @Benchmark
  public void plain_ok_asyncdslIgnore(Contestant s, Blackhole bh) {
    FaultToleranceOverhead.consume(s.contender.ok(s.x), bh);
  }

  @Benchmark
  public void plain_ok_asyncdslEmpty(Contestant s, Blackhole bh) {
    FaultToleranceOverhead.consume(s.contender.ok(s.x), bh);
  }

  @Benchmark
  public void plain_fail_asyncdsl(Contestant s, Blackhole bh) {
    FaultToleranceOverhead.consume(s.contender.fail(s.x), bh);
  }

  @Benchmark
  public void plain_fail_asyncdslIgnore(Contestant s, Blackhole bh) {
    FaultToleranceOverhead.consume(s.contender.fail(s.x), bh);
  }

  @Benchmark
  public void plain_fail_asyncdslEmpty(Contestant s, Blackhole bh) {
    FaultToleranceOverhead.consume(s.contender.fail(s.x), bh);
  }

  // --- retry: 3 retries, no delay -----------------------------------------------------------

  @Benchmark
  public void retry_ok_asyncdsl(Contestant s, Blackhole bh) {
    FaultToleranceOverhead.consume(s.contender.ok(s.x), bh);
  }

  @Benchmark
  public void retry_ok_asyncdslMetrics(Contestant s, Blackhole bh) {
    FaultToleranceOverhead.consume(s.contender.ok(s.x), bh);
  }

  @Benchmark
  public void retry_ok_asyncdslIgnore(Contestant s, Blackhole bh) {
    FaultToleranceOverhead.consume(s.contender.ok(s.x), bh);
  }

  @Benchmark
  public void retry_ok_asyncdslEmpty(Contestant s, Blackhole bh) {
    FaultToleranceOverhead.consume(s.contender.ok(s.x), bh);
  }

  @Benchmark
  public void retry_ok_smallrye(Contestant s, Blackhole bh) {
    FaultToleranceOverhead.consume(s.contender.ok(s.x), bh);
  }

  @Benchmark
  public void retry_ok_smallryeMetrics(Contestant s, Blackhole bh) {
    FaultToleranceOverhead.consume(s.contender.ok(s.x), bh);
  }

  @Benchmark
  public void retry_ok_resilience4j(Contestant s, Blackhole bh) {
    FaultToleranceOverhead.consume(s.contender.ok(s.x), bh);
  }

  @Benchmark
  public void retry_ok_resilience4jMetrics(Contestant s, Blackhole bh) {
    FaultToleranceOverhead.consume(s.contender.ok(s.x), bh);
  }

  @Benchmark
  public void retry_fail_asyncdsl(Contestant s, Blackhole bh) {
    FaultToleranceOverhead.consume(s.contender.fail(s.x), bh);
  }

  @Benchmark
  public void retry_fail_asyncdslMetrics(Contestant s, Blackhole bh) {
    FaultToleranceOverhead.consume(s.contender.fail(s.x), bh);
  }

  @Benchmark
  public void retry_fail_asyncdslIgnore(Contestant s, Blackhole bh) {
    FaultToleranceOverhead.consume(s.contender.fail(s.x), bh);
  }

  @Benchmark
  public void retry_fail_asyncdslEmpty(Contestant s, Blackhole bh) {
    FaultToleranceOverhead.consume(s.contender.fail(s.x), bh);
  }

  @Benchmark
  public void retry_fail_smallrye(Contestant s, Blackhole bh) {
    FaultToleranceOverhead.consume(s.contender.fail(s.x), bh);
  }

  @Benchmark
  public void retry_fail_smallryeMetrics(Contestant s, Blackhole bh) {
    FaultToleranceOverhead.consume(s.contender.fail(s.x), bh);
  }

  @Benchmark
  public void retry_fail_resilience4j(Contestant s, Blackhole bh) {
    FaultToleranceOverhead.consume(s.contender.fail(s.x), bh);
  }

  @Benchmark
  public void retry_fail_resilience4jMetrics(Contestant s, Blackhole bh) {
    FaultToleranceOverhead.consume(s.contender.fail(s.x), bh);
  }

  // --- timeout (10 s, never reached), retry (3, no delay), circuit breaker (closed) ---------

  @Benchmark
  public void all_ok_asyncdsl(Contestant s, Blackhole bh) {
    FaultToleranceOverhead.consume(s.contender.ok(s.x), bh);
  }

  @Benchmark
  public void all_ok_asyncdslMetrics(Contestant s, Blackhole bh) {
    FaultToleranceOverhead.consume(s.contender.ok(s.x), bh);
  }

  @Benchmark
  public void all_ok_smallrye(Contestant s, Blackhole bh) {
    FaultToleranceOverhead.consume(s.contender.ok(s.x), bh);
  }

  @Benchmark
  public void all_ok_smallryeMetrics(Contestant s, Blackhole bh) {
    FaultToleranceOverhead.consume(s.contender.ok(s.x), bh);
  }

  @Benchmark
  public void all_ok_resilience4j(Contestant s, Blackhole bh) {
    FaultToleranceOverhead.consume(s.contender.ok(s.x), bh);
  }

  @Benchmark
  public void all_ok_resilience4jMetrics(Contestant s, Blackhole bh) {
    FaultToleranceOverhead.consume(s.contender.ok(s.x), bh);
  }

  @Benchmark
  public void all_fail_asyncdsl(Contestant s, Blackhole bh) {
    FaultToleranceOverhead.consume(s.contender.fail(s.x), bh);
  }

  @Benchmark
  public void all_fail_asyncdslMetrics(Contestant s, Blackhole bh) {
    FaultToleranceOverhead.consume(s.contender.fail(s.x), bh);
  }

  @Benchmark
  public void all_fail_smallrye(Contestant s, Blackhole bh) {
    FaultToleranceOverhead.consume(s.contender.fail(s.x), bh);
  }

  @Benchmark
  public void all_fail_smallryeMetrics(Contestant s, Blackhole bh) {
    FaultToleranceOverhead.consume(s.contender.fail(s.x), bh);
  }

  @Benchmark
  public void all_fail_resilience4j(Contestant s, Blackhole bh) {
    FaultToleranceOverhead.consume(s.contender.fail(s.x), bh);
  }

  @Benchmark
  public void all_fail_resilience4jMetrics(Contestant s, Blackhole bh) {
    FaultToleranceOverhead.consume(s.contender.fail(s.x), bh);
  }
}
