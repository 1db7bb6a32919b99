package dev.asyncdsl;

import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Deadlines of running calls, and the timer that enforces them.
 *
 * <p>While a call with a deadline runs, it is the thread's current call; a call started from there
 * inherits that deadline when it is earlier than its own. That is how deadlines nest, as with
 * asyncio's {@code timeout()} and Kotlin's {@code withTimeout}.
 */
final class Deadlines {
  /** No deadline. {@link System#nanoTime()} values are compared by difference, never to this. */
  static final long NONE = Long.MIN_VALUE;

  /** The longest timeout a deadline holds; longer ones are as good as none and would overflow. */
  private static final long LONGEST_NANOS = Long.MAX_VALUE >> 1;

  private static final ThreadLocal<AsyncCall<?>> CURRENT = new ThreadLocal<>();

  private static final ScheduledThreadPoolExecutor TIMER = newTimer();

  private Deadlines() {}

  /** The deadline of a call started now without a timeout of its own: its caller's, if any. */
  static long inherited() {
    AsyncCall<?> enclosing = CURRENT.get();
    return enclosing == null ? NONE : enclosing.deadline;
  }

  /**
   * The deadline of a call started now with {@code timeout}, inside whatever call the current
   * thread is running: the earlier of the two. A timeout of zero or less is already over.
   */
  static long within(long timeout, TimeUnit unit) {
    long inherited = inherited();
    long own = System.nanoTime() + Math.min(Math.max(0, unit.toNanos(timeout)), LONGEST_NANOS);
    if (inherited == NONE || own - inherited < 0) {
      return own;
    }
    return inherited;
  }

  /** The nanoseconds left before the current call's deadline, or {@code -1} if it has none. */
  static long remainingNanos() {
    AsyncCall<?> enclosing = CURRENT.get();
    if (enclosing == null) {
      return -1;
    }
    return Math.max(0, enclosing.deadline - System.nanoTime());
  }

  /** Makes {@code call} the thread's current call; returns the one to restore on exit. */
  static AsyncCall<?> enter(AsyncCall<?> call) {
    AsyncCall<?> outer = CURRENT.get();
    CURRENT.set(call);
    return outer;
  }

  static void exit(AsyncCall<?> outer) {
    if (outer == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(outer);
    }
  }

  static Future<?> schedule(Runnable expiry, long delayNanos) {
    return TIMER.schedule(expiry, delayNanos, TimeUnit.NANOSECONDS);
  }

  /** How many deadlines the timer holds: those of calls still running, no others. */
  static int pendingTimers() {
    return TIMER.getQueue().size();
  }

  private static ScheduledThreadPoolExecutor newTimer() {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, "asyncdsl-deadlines");
              thread.setDaemon(true);
              return thread;
            });
    // A call that finishes early takes its timer entry with it, so the queue holds live deadlines only.
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }
}
