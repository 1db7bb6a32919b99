package dev.asyncdsl.modular;

import dev.asyncdsl.AsyncMethod;
import dev.asyncdsl.FaultTolerance;
import dev.asyncdsl.spi.CallListener;
import dev.asyncdsl.spi.CallObserver;
import dev.asyncdsl.spi.CallOutcome;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A listener the module provides ({@code provides dev.asyncdsl.spi.CallListener} in its {@code
 * module-info}): counts the calls of this module's twins that ended well, by method.
 */
public final class Heard implements CallListener {
  /** Calls that succeeded, by the method's name as the twin writes it. */
  static final Map<String, AtomicInteger> SUCCEEDED = new ConcurrentHashMap<>();

  /** Made by {@link java.util.ServiceLoader}. */
  public Heard() {}

  @Override
  public CallObserver callStarted(AsyncMethod method, FaultTolerance policies, boolean fallback) {
    if (!method.className().startsWith("dev.asyncdsl.modular.")) {
      return CallObserver.IGNORE;
    }
    return new CallObserver() {
      @Override
      public void callEnded(CallOutcome outcome, Throwable failure, long durationNanos) {
        if (outcome == CallOutcome.SUCCEEDED) {
          SUCCEEDED.computeIfAbsent(method.name(), name -> new AtomicInteger()).incrementAndGet();
        }
      }
    };
  }

  /**
   * How many calls of {@code method} succeeded.
   *
   * @param method as the twin writes it
   * @return the count
   */
  static int succeeded(String method) {
    AtomicInteger count = SUCCEEDED.get(method);
    return count == null ? 0 : count.get();
  }
}
