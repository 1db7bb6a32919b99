package dev.asyncdsl.spi;

import dev.asyncdsl.AsyncMethod;
import dev.asyncdsl.FaultTolerance;
import dev.asyncdsl.internal.event.Listeners;
import java.util.List;
import java.util.Objects;

/**
 * Hears the calls of every twin in the JVM: metrics, traces, logs, Flight Recorder. Each call asks
 * it, on the caller's thread when the twin's method is called, for a {@link CallObserver} that
 * hears what happens to that call; circuits tell it their transitions.
 *
 * <p>{@link #callStarted} is asked on the caller's thread right before the call captures the
 * caller's context ({@link ContextPropagator#capture()}), with nothing in between: a listener that
 * starts something for the call (a span) can hand it to its own propagator, on that thread, to
 * travel as part of the call's context.
 *
 * <p>Found two ways, as {@link ContextPropagator}s are: with {@link java.util.ServiceLoader} (a
 * {@code META-INF/services/dev.asyncdsl.spi.CallListener} file, or {@code provides} in a module),
 * read once, the first time a call starts or the list is used, with that thread's context class
 * loader; and in code with {@link #register}. A call is heard by the listeners registered when it
 * started. With none, a call does nothing more than read that the list is empty: no allocation, no
 * clock read.
 *
 * <p>Only calls that name their method are heard: every call of a generated twin, and calls made by
 * hand with an {@link AsyncMethod} ({@link
 * dev.asyncdsl.AsyncRuntime#call(java.util.concurrent.Executor, AsyncMethod,
 * dev.asyncdsl.AsyncRuntime.ValueBody)} and the like) or under a {@link FaultTolerance}.
 *
 * <p>What a listener or an observer throws goes to the thread's uncaught-exception handler, never
 * to the call: a broken listener cannot break a call.
 */
public interface CallListener {
  /**
   * A call of {@code method} starts: returns what hears it.
   *
   * @param method the method called
   * @param policies its fault-tolerance policies (for a method whose only policy is a {@code
   *     Timeout}, one that has it alone), or {@code null} for a method without any
   * @param fallback whether the call has a fallback ({@code Fallback})
   * @return the call's observer; {@link CallObserver#IGNORE} to hear nothing of it
   */
  CallObserver callStarted(AsyncMethod method, FaultTolerance policies, boolean fallback);

  /**
   * The circuit of {@code policies} has moved from {@code from} to {@code to}. Told in order, after
   * the circuit has moved and outside its lock, as {@link FaultTolerance#observeCircuit} tells.
   *
   * @param policies the policies whose circuit moved ({@link FaultTolerance#method()} names it;
   *     {@link FaultTolerance#hasOwnState()} says whether it is a twin's own copy)
   * @param from the state it left
   * @param to the state it is in now
   */
  default void circuitChanged(
      FaultTolerance policies, FaultTolerance.CircuitState from, FaultTolerance.CircuitState to) {}

  /**
   * Adds {@code listener}, after the ones found with {@link java.util.ServiceLoader} and those
   * registered before it. Calls started from now on are heard by it; calls under way are not.
   * Registering a listener equal to one registered already does nothing.
   *
   * @param listener the listener to add
   */
  static void register(CallListener listener) {
    Listeners.register(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Removes {@code listener} (or the one equal to it), registered in code or found with {@link
   * java.util.ServiceLoader}: calls started from now on are not heard by it; calls under way still
   * tell it their events to their end.
   *
   * @param listener the listener to remove
   * @return whether it was registered
   */
  static boolean unregister(CallListener listener) {
    return Listeners.unregister(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * The listeners in use, in the order they hear a call: those found with {@link
   * java.util.ServiceLoader} (read now if no call has read them yet), then those registered in
   * code.
   *
   * @return a snapshot of the list
   */
  static List<CallListener> registered() {
    return Listeners.inUse();
  }
}
