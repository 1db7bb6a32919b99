package dev.asyncdsl.internal.event;

import dev.asyncdsl.internal.registry.Providers;
import dev.asyncdsl.spi.CallObserver;
import dev.asyncdsl.spi.CallOutcome;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What a call that a listener follows carries where an unheard call carries its context alone: the
 * caller's context, the call's observer, and when it started. A call under policies has one for the
 * whole ({@link #attempt} 0) and one per attempt ({@link #attempt} from 1); a call that is a single
 * attempt has one that is both ({@link #whole}). Only calls that are heard allocate one.
 *
 * <p>Every event goes to the observer through here, which keeps what it throws from the call.
 */
public final class Watch {
  /** The caller's context, or null. */
  public final Object[] context;

  private final CallObserver observer;

  /** When the call (or the attempt) started, by {@link System#nanoTime()}. */
  private final long startedAt;

  /** 0 for the whole call; the attempt's number, from 1, for an attempt. */
  public final int attempt;

  /** Whether this attempt is the whole call as well (a single attempt). */
  private final boolean whole;

  /** When the attempt entered the bulkhead's queue; 0 if it did not. */
  private volatile long queuedAt;

  /** When the attempt got its bulkhead slot. */
  private volatile long slotAt;

  /** Whether the observer has heard that the attempt waits in the queue. */
  @SuppressWarnings("unused") // accessed through QUEUED_TOLD
  private volatile boolean queuedTold;

  /** Whether the call's outcome has been decided ({@link #decide}). */
  @SuppressWarnings("unused") // accessed through DECIDED
  private volatile boolean decided;

  private static final VarHandle QUEUED_TOLD;
  private static final VarHandle DECIDED;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      QUEUED_TOLD = lookup.findVarHandle(Watch.class, "queuedTold", boolean.class);
      DECIDED = lookup.findVarHandle(Watch.class, "decided", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private Watch(
      Object[] context, CallObserver observer, long startedAt, int attempt, boolean whole) {
    this.context = context;
    this.observer = observer;
    this.startedAt = startedAt;
    this.attempt = attempt;
    this.whole = whole;
  }

  /**
   * What a call carries: {@code context} alone when {@code observer} is null, else a watch.
   *
   * @param context the caller's context, or null
   * @param observer the call's observer ({@link Listeners#callStarted}), or null
   * @param attempt 0 for a call with attempts of its own to come; 1 for one that is its only
   *     attempt
   * @return what the call keeps in place of its context
   */
  public static Object of(Object[] context, CallObserver observer, int attempt) {
    return observer == null
        ? context
        : new Watch(context, observer, System.nanoTime(), attempt, attempt == 1);
  }

  /**
   * What attempt number {@code attempt} of the call {@code carried} (its owner's context or watch)
   * carries.
   *
   * @param carried what the owner carries: its context, or its watch
   * @param attempt the attempt's number, from 1
   * @return the context, or a watch of the attempt
   */
  public static Object ofAttempt(Object carried, int attempt) {
    return carried instanceof Watch w
        ? new Watch(w.context, w.observer, System.nanoTime(), attempt, false)
        : carried;
  }

  /**
   * The context in {@code carried}.
   *
   * @param carried a context, a watch, or null
   * @return the caller's context, or null
   */
  public static Object[] contextOf(Object carried) {
    return carried instanceof Watch w ? w.context : (Object[]) carried;
  }

  /**
   * A completion of the call comes with {@code outcome}: returns whether it is the first, which
   * alone may complete the call, and if so tells the observer how the call ended and how long it
   * took, before the call completes. An attempt of a call with several has no say here (its claim
   * decided already, and it tells {@link #attemptEnded}): always true.
   *
   * @param outcome how it ended
   * @param failure what it failed with, or null
   * @return whether this completion may complete the call
   */
  public boolean decide(CallOutcome outcome, Throwable failure) {
    if (attempt != 0 && !whole) {
      return true;
    }
    if (!DECIDED.compareAndSet(this, false, true)) {
      return false;
    }
    callEnded(outcome, failure);
    return true;
  }

  /** Tells the observer how the whole call ended and how long it took. */
  private void callEnded(CallOutcome outcome, Throwable failure) {
    try {
      observer.callEnded(outcome, failure, System.nanoTime() - startedAt);
    } catch (Throwable broken) {
      Providers.report(broken);
    }
  }

  /**
   * The attempt has ended: tells the observer how, and how long it took.
   *
   * @param outcome how it ended
   * @param failure what it failed with, or null
   */
  public void attemptEnded(CallOutcome outcome, Throwable failure) {
    try {
      observer.attemptEnded(attempt, outcome, failure, System.nanoTime() - startedAt);
    } catch (Throwable broken) {
      Providers.report(broken);
    }
  }

  /**
   * This watch without the caller's context: what an attempt keeps once it is over while its method
   * still holds a bulkhead's slot, to tell when it gives the slot back.
   *
   * @return a copy that carries no context
   */
  public Watch withoutContext() {
    Watch copy = new Watch(null, observer, startedAt, attempt, whole);
    copy.queuedAt = queuedAt;
    copy.slotAt = slotAt;
    copy.queuedTold = queuedTold;
    copy.decided = decided;
    return copy;
  }

  /** The circuit let this attempt through. */
  public void attemptStarted() {
    try {
      observer.attemptStarted(attempt);
    } catch (Throwable broken) {
      Providers.report(broken);
    }
  }

  /**
   * The circuit turned attempt {@code number} away; for a single attempt, that ends the call.
   *
   * @param number the attempt's number
   * @param failure what it fails with
   */
  public void circuitRejected(int number, Throwable failure) {
    try {
      observer.circuitRejected(number);
    } catch (Throwable broken) {
      Providers.report(broken);
    }
    if (whole && DECIDED.compareAndSet(this, false, true)) {
      callEnded(CallOutcome.FAILED, failure);
    }
  }

  /**
   * The attempt enters the bulkhead's queue: notes when, under the bulkhead's lock, where no
   * observer runs. {@link #tellQueued} tells it, after the lock.
   */
  public void queuing() {
    queuedAt = System.nanoTime();
  }

  /**
   * Tells that the attempt waits in the bulkhead's queue, unless that was told already: a slot
   * granted at once, on another thread, tells it first, so the observer hears it before the
   * acceptance either way.
   */
  public void tellQueued() {
    if (QUEUED_TOLD.compareAndSet(this, false, true)) {
      try {
        observer.bulkheadQueued(attempt);
      } catch (Throwable broken) {
        Providers.report(broken);
      }
    }
  }

  /** The attempt has its bulkhead slot. */
  public void accepted() {
    long now = System.nanoTime();
    slotAt = now;
    long waited = waitedUntil(now);
    if (waited != 0) {
      tellQueued();
    }
    try {
      observer.bulkheadAccepted(attempt, waited);
    } catch (Throwable broken) {
      Providers.report(broken);
    }
  }

  /** The bulkhead turned the attempt away. */
  public void rejected() {
    try {
      observer.bulkheadRejected(attempt, waitedUntil(System.nanoTime()));
    } catch (Throwable broken) {
      Providers.report(broken);
    }
  }

  private long waitedUntil(long now) {
    long since = queuedAt;
    return since == 0 ? 0 : now - since;
  }

  /** The attempt gave its bulkhead slot back. */
  public void released() {
    try {
      observer.bulkheadReleased(attempt, System.nanoTime() - slotAt);
    } catch (Throwable broken) {
      Providers.report(broken);
    }
  }

  /**
   * The circuit counted the attempt's outcome.
   *
   * @param failure as a failure
   */
  public void counted(boolean failure) {
    try {
      observer.circuitCounted(attempt, failure);
    } catch (Throwable broken) {
      Providers.report(broken);
    }
  }

  /**
   * Attempt {@code number} failed; the next starts after {@code delayNanos}.
   *
   * @param number the failed attempt's number
   * @param delayNanos the delay
   * @param failure what it failed with
   */
  public void retryScheduled(int number, long delayNanos, Throwable failure) {
    try {
      observer.retryScheduled(number, delayNanos, failure);
    } catch (Throwable broken) {
      Providers.report(broken);
    }
  }

  /**
   * The method retries no more.
   *
   * @param retries how many retries there were
   * @param why why
   */
  public void retriesEnded(int retries, CallObserver.RetryEnd why) {
    try {
      observer.retriesEnded(retries, why);
    } catch (Throwable broken) {
      Providers.report(broken);
    }
  }

  /**
   * The fallback answers for the call.
   *
   * @param failure what the method failed with
   */
  public void fallbackApplied(Throwable failure) {
    try {
      observer.fallbackApplied(failure);
    } catch (Throwable broken) {
      Providers.report(broken);
    }
  }
}
