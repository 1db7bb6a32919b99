package dev.asyncdsl.internal.event;

import dev.asyncdsl.AsyncMethod;
import dev.asyncdsl.AsyncRuntime;
import dev.asyncdsl.FaultTolerance;
import dev.asyncdsl.internal.jfr.FlightRecorderHook;
import dev.asyncdsl.internal.registry.Providers;
import dev.asyncdsl.spi.CallListener;
import dev.asyncdsl.spi.CallObserver;
import java.util.List;

/**
 * The {@link CallListener}s in use. A call asks {@link #callStarted} for its observer: with no
 * listener that is one volatile read and nothing else; with one, its observer itself; with several,
 * one {@link Chorus} of theirs.
 */
public final class Listeners {
  private static final Providers<CallListener> LISTENERS =
      new Providers<>(CallListener.class, new CallListener[0]);

  static {
    // Flight Recorder: its listener joins the list only while a recording wants its events.
    FlightRecorderHook.install();
  }

  private Listeners() {}

  /**
   * Adds {@code listener} unless it is in use already.
   *
   * @param listener the listener to add
   * @return whether it was added
   */
  public static boolean register(CallListener listener) {
    return LISTENERS.register(listener);
  }

  /**
   * Removes {@code listener}.
   *
   * @param listener the listener to remove
   * @return whether it was in use
   */
  public static boolean unregister(CallListener listener) {
    return LISTENERS.unregister(listener);
  }

  /**
   * The listeners in use, in order.
   *
   * @return a copy
   */
  public static List<CallListener> inUse() {
    return LISTENERS.list();
  }

  /**
   * The observer of a call of {@code method} that starts now, on the caller's thread.
   *
   * @param method the method called
   * @param policies its policies, or null
   * @param fallback whether the call has a fallback
   * @return the observer, or null when no listener follows the call
   */
  public static CallObserver callStarted(
      AsyncMethod method, FaultTolerance policies, boolean fallback) {
    CallListener[] in = LISTENERS.current();
    return in.length == 0 ? null : observers(in, method, policies, fallback);
  }

  /**
   * The observer of a plain call of {@code method} that starts now: its policies, for the
   * listeners, are its timeout alone ({@code timed}'s), made only when a listener is in use.
   *
   * @param method the method called
   * @param timed its timeout, or null
   * @return the observer, or null when no listener follows the call
   */
  public static CallObserver callStarted(AsyncMethod method, AsyncRuntime.TimedMethod timed) {
    CallListener[] in = LISTENERS.current();
    return in.length == 0
        ? null
        : observers(in, method, timed == null ? null : timed.policies(), false);
  }

  private static CallObserver observers(
      CallListener[] in, AsyncMethod method, FaultTolerance policies, boolean fallback) {
    if (in.length == 1) {
      return observer(in[0], method, policies, fallback); // the usual case: no array
    }
    CallObserver[] heard = new CallObserver[in.length];
    int count = 0;
    for (CallListener listener : in) {
      CallObserver observer = observer(listener, method, policies, fallback);
      if (observer != null) {
        heard[count++] = observer;
      }
    }
    return count == 0 ? null : count == 1 ? heard[0] : new Chorus(heard, count);
  }

  /** What {@code listener} hears the call with, or null: it follows none of it, or it threw. */
  private static CallObserver observer(
      CallListener listener, AsyncMethod method, FaultTolerance policies, boolean fallback) {
    CallObserver observer;
    try {
      observer = listener.callStarted(method, policies, fallback);
    } catch (Throwable broken) {
      Providers.report(broken);
      return null;
    }
    return observer == CallObserver.IGNORE ? null : observer;
  }

  /**
   * Tells every listener that the circuit of {@code policies} moved.
   *
   * @param policies whose circuit
   * @param from the state it left
   * @param to the state it is in
   */
  public static void circuitChanged(
      FaultTolerance policies, FaultTolerance.CircuitState from, FaultTolerance.CircuitState to) {
    for (CallListener listener : LISTENERS.current()) {
      try {
        listener.circuitChanged(policies, from, to);
      } catch (Throwable broken) {
        Providers.report(broken);
      }
    }
  }
}
