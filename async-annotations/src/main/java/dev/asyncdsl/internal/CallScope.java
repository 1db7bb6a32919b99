package dev.asyncdsl.internal;

/**
 * Which call's method the current thread is running, if any.
 *
 * <p>While a call's method runs, it is the thread's current call: a call started from there is its
 * child, inherits its deadline when that is earlier than its own and is cancelled with it. The
 * future of a call is completed outside that scope, so dependents of futures never run as part of
 * whatever call happens to be on the thread (see {@link AsyncCall#settle}).
 *
 * <p>Where the current call is kept: on a virtual thread that the default executor started for one
 * call, in the thread's uncaught-exception handler; everywhere else in a thread-local. Such a
 * thread lives for that one call and runs nothing of anyone else's, so its handler slot is the
 * runtime's to use (the call catches everything its method throws, and hands whatever escapes on to
 * the thread group, as the default handler would). A thread-local there would give every call a map
 * of its own, about 140 bytes, for a thread that dies with it. On pooled threads the thread-local
 * holds {@code null} between calls rather than being removed, so the thread keeps one map entry for
 * good instead of allocating one per call.
 */
public final class CallScope {
  private static final ThreadLocal<AsyncCall<?>> CURRENT = new ThreadLocal<>();

  /** The handler of a virtual thread of the default executor that is running no call's method. */
  static final Thread.UncaughtExceptionHandler NO_CALL =
      (thread, failure) -> thread.getThreadGroup().uncaughtException(thread, failure);

  private CallScope() {}

  /**
   * The call whose method the current thread is running.
   *
   * @return the call, or null
   */
  public static AsyncCall<?> current() {
    Thread.UncaughtExceptionHandler slot = Thread.currentThread().getUncaughtExceptionHandler();
    if (slot instanceof AsyncCall<?> call) {
      return call;
    }
    return slot == NO_CALL ? null : CURRENT.get();
  }

  /**
   * Makes {@code call} (or no call, for null) the current one.
   *
   * @param call the call to enter, or null for none
   * @return the one it replaced
   */
  public static AsyncCall<?> swap(AsyncCall<?> call) {
    Thread thread = Thread.currentThread();
    Thread.UncaughtExceptionHandler slot = thread.getUncaughtExceptionHandler();
    if (slot instanceof AsyncCall<?> || slot == NO_CALL) {
      if (slot != call) {
        thread.setUncaughtExceptionHandler(call == null ? NO_CALL : call);
      }
      return slot == NO_CALL ? null : (AsyncCall<?>) slot;
    }
    AsyncCall<?> previous = CURRENT.get();
    if (previous != call) {
      CURRENT.set(call);
    }
    return previous;
  }

  /**
   * The nanoseconds left before the current call's deadline.
   *
   * @return the nanoseconds left (none left: 0), or {@code -1} outside a call with a deadline
   */
  public static long remainingNanos() {
    AsyncCall<?> enclosing = current();
    return enclosing == null ? -1 : enclosing.remainingNanos();
  }

  /**
   * Makes {@code call} the current one on {@code thread}, a virtual thread that the default
   * executor started to run just this call.
   */
  static void enterOwnThread(Thread thread, AsyncCall<?> call) {
    thread.setUncaughtExceptionHandler(call);
  }
}
