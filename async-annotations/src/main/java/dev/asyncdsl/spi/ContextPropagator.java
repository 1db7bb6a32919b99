package dev.asyncdsl.spi;

import dev.asyncdsl.internal.context.Propagation;
import java.util.List;
import java.util.Objects;

/**
 * Carries one kind of thread-bound context (a trace, a logging MDC, a thread-local of your own)
 * from the thread that calls a twin's method to every place the runtime runs that call's code.
 *
 * <p>The runtime {@linkplain #capture() captures} once per call, on the caller's thread, when the
 * twin's method is called. It {@linkplain #restore restores} that snapshot around the method's
 * body, around every retry attempt and the fallback, and around the dependents of the call's future
 * that it runs itself (at a deadline, a cancel, the end of a relayed stage), whatever thread they
 * run on; afterwards it {@linkplain #reset resets} the thread to what it held before. A call
 * started inside a method captures that method's restored context, so nesting needs nothing more.
 *
 * <p>Found two ways: with {@link java.util.ServiceLoader} (a {@code
 * META-INF/services/dev.asyncdsl.spi.ContextPropagator} file, or {@code provides} in a module),
 * read once, the first time a call captures or the list is used ({@link #register}, {@link
 * #unregister}, {@link #registered}), with that thread's context class loader; and in code with
 * {@link #register}. A call carries the propagators registered when it started. With none, a call
 * captures nothing and allocates nothing for it (the first call still pays for the one look for
 * service files).
 *
 * <pre>{@code
 * ContextPropagator.register(ContextPropagator.ofThreadLocal(TENANT));
 * }</pre>
 *
 * <p>A propagator runs on the runtime's hot path and on its own threads: its methods should be
 * quick, should not block, and must not throw. If {@code capture} throws, the twin's method throws
 * it. If {@code restore} throws before a method's body (or a fallback), the propagators restored
 * before it are reset and the call fails with it without running the body, as if the body had
 * thrown it: a retry, a fallback and the circuit breaker treat it as the method's failure. Anywhere
 * else (a completion at a deadline or a cancel, a relayed stage's end, a backoff) the work goes on
 * without the context and the failure goes to the thread's uncaught-exception handler. If {@code
 * reset} throws, the remaining ones are still reset and the first failure goes to that handler.
 *
 * <p>The models are MicroProfile Context Propagation's {@code ThreadContextProvider} (a snapshot
 * that begins and ends) and Micrometer's {@code ThreadLocalAccessor} (a value set and put back);
 * unlike them, a capture is the value itself, with no snapshot object around it.
 *
 * @param <C> what one capture holds, e.g. a copy of the MDC map or a tracing context; {@code null}
 *     stands for "none"
 * @param <P> what {@link #restore} hands to {@link #reset} to put the thread back: the value the
 *     thread held (as a thread-local's propagator does), or a scope to close (as OpenTelemetry's
 *     does)
 */
public interface ContextPropagator<C, P> {
  /**
   * Reads the current thread's context: the caller's, when a twin's method is called. It must not
   * change the thread. The value is kept by the call until it ends, so capture something immutable
   * (or a copy).
   *
   * @return the context, or {@code null} if the thread has none of this kind (the call's work then
   *     runs with none: {@code restore(null)})
   */
  C capture();

  /**
   * Makes {@code captured} the current thread's context, before a piece of the call's work runs on
   * it, and returns what {@link #reset} needs to put back what the thread held.
   *
   * @param captured what {@link #capture()} returned on the caller's thread; {@code null}: the work
   *     runs with none of this kind, so clear it
   * @return what the thread held before (or a scope that puts it back); may be {@code null}
   */
  P restore(C captured);

  /**
   * Puts the thread back as it was before {@link #restore}, once the work is done, on the same
   * thread: the thread then holds exactly what it held before. Restores nest: the runtime resets
   * the last one restored first.
   *
   * @param previous what {@code restore} returned
   */
  void reset(P previous);

  /**
   * A propagator for one of your own thread-locals: the caller's value travels, and a thread that
   * runs the call's work has its own value back (or none) afterwards. An absent value is {@code
   * null}: a thread-local with an initial value ({@link ThreadLocal#withInitial}) reads it in the
   * work when the caller's was {@code null}, and a thread that ran the work keeps the initial value
   * it read, as any {@code get()} would have made it.
   *
   * @param <T> the type of the thread-local's value
   * @param local the thread-local to carry
   * @return the propagator, to {@link #register}
   */
  static <T> ContextPropagator<T, T> ofThreadLocal(ThreadLocal<T> local) {
    return new ThreadLocalPropagator<>(Objects.requireNonNull(local, "local"));
  }

  /**
   * Adds {@code propagator}, after the ones found with {@link java.util.ServiceLoader} and those
   * registered before it. Calls started from now on carry its context; calls already under way do
   * not. Register at start-up, before the first call, so that every call carries it. Registering a
   * propagator equal to one registered already does nothing (two {@link #ofThreadLocal} of the same
   * thread-local are equal).
   *
   * @param propagator the propagator to add
   */
  static void register(ContextPropagator<?, ?> propagator) {
    Propagation.register(Objects.requireNonNull(propagator, "propagator"));
  }

  /**
   * Removes {@code propagator} (or the one equal to it), registered in code or found with {@link
   * java.util.ServiceLoader}: calls started from now on do not carry its context. Calls under way
   * keep it to their end.
   *
   * @param propagator the propagator to remove
   * @return whether it was registered
   */
  static boolean unregister(ContextPropagator<?, ?> propagator) {
    return Propagation.unregister(Objects.requireNonNull(propagator, "propagator"));
  }

  /**
   * The propagators in use, in the order they restore: those found with {@link
   * java.util.ServiceLoader} (read now if no call has read them yet), then those registered in
   * code. For a health check, a test, or a program that must run without them.
   *
   * @return a snapshot of the list
   */
  static List<ContextPropagator<?, ?>> registered() {
    return Propagation.inUse();
  }
}
