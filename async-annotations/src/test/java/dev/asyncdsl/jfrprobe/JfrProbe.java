package dev.asyncdsl.jfrprobe;

import dev.asyncdsl.AsyncMethod;
import dev.asyncdsl.AsyncRuntime;
import dev.asyncdsl.FaultTolerance;
import dev.asyncdsl.spi.CallListener;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny application that {@code FlightRecorderForkTest} runs in a JVM of its own: it makes a few
 * named calls, one of them retried, and prints one line, {@code ok listeners=<the listeners at the
 * first call> jfr=<whether the jdk.jfr module is there>}. It uses the API alone, from outside the
 * runtime's packages, so it runs from the class path beside the runtime on the module path too; it
 * names no {@code jdk.jfr} type.
 */
public final class JfrProbe {
  /** The class the probe's methods are declared in, as events name it. */
  public static final String CLASS = "probe.Forecasts";

  private JfrProbe() {}

  /**
   * Makes the calls and prints the line; exits with 1 and the failure on the error stream if a call
   * did not answer as it should.
   *
   * @param args none
   * @throws Exception if a call fails
   */
  public static void main(String[] args) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      String atFirstCall = listeners();
      int celsius =
          AsyncRuntime.call(pool, AsyncMethod.of(CLASS, "celsius", "Forecasts.celsius()"), () -> 21)
              .get(10, TimeUnit.SECONDS);
      AtomicInteger runs = new AtomicInteger();
      String fetched =
          FaultTolerance.of(AsyncMethod.of(CLASS, "fetch", "Forecasts.fetch()"))
              .timeout(10, TimeUnit.SECONDS)
              .retry(2)
              .retryDelay(0, TimeUnit.MILLISECONDS)
              .retryJitter(0, TimeUnit.MILLISECONDS)
              .build()
              .<String>call(
                  pool,
                  () -> {
                    if (runs.incrementAndGet() == 1) {
                      throw new IllegalStateException("flaky downstream");
                    }
                    return "fetched";
                  })
              .get(10, TimeUnit.SECONDS);
      if (celsius != 21 || !fetched.equals("fetched") || runs.get() != 2) {
        throw new AssertionError(celsius + " " + fetched + " " + runs);
      }
      System.out.println(
          "ok listeners="
              + atFirstCall
              + " jfr="
              + ModuleLayer.boot().findModule("jdk.jfr").isPresent());
    } finally {
      pool.shutdown();
    }
  }

  /** The listeners in use, by class name (the runtime's are not API). */
  private static String listeners() {
    StringBuilder names = new StringBuilder("[");
    for (CallListener listener : CallListener.registered()) {
      names.append(names.length() == 1 ? "" : ",").append(listener.getClass().getName());
    }
    return names.append(']').toString();
  }
}
