package dev.asyncdsl.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/** Reads a registry's {@code ft.*} meters of one method, for the tests. */
final class MeterReading {
  private MeterReading() {}

  /** How long a test waits for what must happen, however loaded the machine. */
  static final long PATIENCE_SECONDS = 30;

  /**
   * The {@code ft.*} meters tagged {@code method}, each as {@code "name{key=value,...} TYPE"} (tags
   * sorted by key) mapped to its value: a counter's count, a timer's count, a gauge's value, a time
   * gauge's value in nanoseconds.
   */
  static Map<String, Double> meters(MeterRegistry registry, String method) {
    Map<String, Double> found = new TreeMap<>();
    for (Meter meter : registry.getMeters()) {
      Meter.Id id = meter.getId();
      if (!id.getName().startsWith("ft.") || !method.equals(id.getTag("method"))) {
        continue;
      }
      found.put(describe(meter), value(meter));
    }
    return found;
  }

  /**
   * The {@code ft.*} meters tagged {@code method}, described as by {@link #meters}, mapped to their
   * base unit and description.
   */
  static Map<String, String> unitsAndDescriptions(MeterRegistry registry, String method) {
    Map<String, String> found = new TreeMap<>();
    for (Meter meter : registry.getMeters()) {
      Meter.Id id = meter.getId();
      if (id.getName().startsWith("ft.") && method.equals(id.getTag("method"))) {
        found.put(
            describe(meter), "unit=" + id.getBaseUnit() + " description=" + id.getDescription());
      }
    }
    return found;
  }

  /** {@code "name{key=value,...} TYPE"}, the tags sorted by key, the method's left out. */
  static String describe(Meter meter) {
    Meter.Id id = meter.getId();
    List<String> tags = new ArrayList<>();
    for (Tag tag : id.getTagsAsIterable()) {
      if (!tag.getKey().equals("method")) {
        tags.add(tag.getKey() + "=" + tag.getValue());
      }
    }
    return id.getName() + tags.toString().replace('[', '{').replace(']', '}') + " " + kind(meter);
  }

  /** The meter's Micrometer type: its interface, a time gauge apart from other gauges. */
  static String kind(Meter meter) {
    if (meter instanceof TimeGauge) {
      return "TimeGauge";
    }
    if (meter instanceof Gauge) {
      return "Gauge";
    }
    if (meter instanceof Counter) {
      return "Counter";
    }
    if (meter instanceof FunctionCounter) {
      return "FunctionCounter";
    }
    if (meter instanceof Timer) {
      return "Timer";
    }
    return meter.getId().getType().name();
  }

  private static double value(Meter meter) {
    if (meter instanceof TimeGauge timeGauge) {
      return timeGauge.value(TimeUnit.NANOSECONDS);
    }
    if (meter instanceof Gauge gauge) {
      return gauge.value();
    }
    if (meter instanceof Counter counter) {
      return counter.count();
    }
    if (meter instanceof Timer timer) {
      return timer.count();
    }
    return Double.NaN;
  }

  /** The outcome of {@code future}: its value, or what it failed with, within the patience. */
  static Object outcome(CompletableFuture<?> future) throws InterruptedException {
    try {
      return future.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException failed) {
      return failed.getCause();
    } catch (java.util.concurrent.CancellationException cancelled) {
      return cancelled;
    } catch (TimeoutException stuck) {
      throw new AssertionError("the call did not complete within " + PATIENCE_SECONDS + " s");
    }
  }

  /** Waits until {@code condition} holds, within the patience. */
  static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("never happened: " + what);
      }
      Thread.sleep(5);
    }
  }
}
