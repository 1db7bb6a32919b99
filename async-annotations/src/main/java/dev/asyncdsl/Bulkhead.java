package dev.asyncdsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Limits how many calls of an {@link Async} method run at once, so a slow downstream service cannot
 * tie up every thread and socket of its callers.
 *
 * <p>At most {@link #value()} calls of the method run at once and at most {@link
 * #waitingTaskQueue()} more wait for a free slot, in order; the next call fails at once with a
 * {@link BulkheadFullException}, without running (the caller never blocks). A call holds its slot
 * until its method has returned, also after it timed out or was cancelled, since until then its
 * thread is still busy; a {@link Timeout} counts the time spent waiting. A waiting call that is
 * cancelled or times out leaves the queue.
 *
 * <p>The slots belong to the method: every twin of the type shares them, unless the twin was made
 * with {@link FaultTolerance.StateScope#TWIN}. {@link FaultTolerance#bulkheadRunning()} and {@link
 * FaultTolerance#bulkheadWaiting()} tell the occupancy.
 *
 * <p>On a type, it is the default for the type's {@code @Async} methods, each with slots of its
 * own; a method's own {@code @Bulkhead} wins.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Bulkhead {
  /**
   * How many calls may run at once.
   *
   * @return the slots, at least 1
   */
  int value() default 10;

  /**
   * How many calls may wait for a slot.
   *
   * @return the places in the queue, not negative
   */
  int waitingTaskQueue() default 10;
}
