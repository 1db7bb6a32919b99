package dev.asyncdsl.internal.event;

import dev.asyncdsl.internal.registry.Providers;
import dev.asyncdsl.spi.CallObserver;
import dev.asyncdsl.spi.CallOutcome;

/**
 * What a call that a listener follows carries where an unheard call carries its context alone: the
 * caller's context, the call's observer, and when it started. A call under policies has one for the
 * whole ({@link #attempt} 0) and one per attempt ({@link #attempt} from 1), which share the
 * whole's; a call that is a single attempt has one that is both. Only calls that are heard allocate
 * one.
 *
 * <p>Every event goes to the observer through here, which keeps what the observer throws from the
 * call, and tells the events of one call one at a time, holding the monitor of the call's watch: a
 * runner telling that an attempt has its slot and a cancel telling that the call ended, on two
 * threads, come one after the other. Once the call's end is told ({@link #decide}) nothing more is
 * told of it but a slot given back late: an attempt still open then is told ended first, with the
 * call's outcome, and an attempt that starts after it (a retry racing a cancel) is not told at all.
 *
 * <pre>
 * call:     open ──decide (first completion)──> over      (callEnded told, then the future completes)
 * attempt:  new ──attemptStarted──> heard ──attemptEnded──> ended
 *            └── the call is over already ──> ended, never told
 * </pre>
 */
public final class Watch {
  /** The caller's context, or null; dropped by an attempt that is over but holds a slot. */
  private Object[] context;

  /** The watch of the whole call: this one, or the call's for an attempt of it. */
  private final Watch call;

  private final CallObserver observer;

  /** When the call (or the attempt) started, by {@link System#nanoTime()}. */
  private final long startedAt;

  /** 0 for the whole call; the attempt's number, from 1, for an attempt. */
  public final int attempt;

  /** Whether this attempt is the whole call as well (a single attempt). */
  private final boolean whole;

  // An attempt's state, guarded by the call's watch (or by the bulkhead's lock, for queuedAt).

  /** When the attempt entered the bulkhead's queue; 0 if it did not. */
  private volatile long queuedAt;

  /** When the attempt got its bulkhead slot. */
  private long slotAt;

  private boolean queuedTold;

  /** Whether the observer heard that the attempt started. */
  private boolean heard;

  /** Whether the attempt's end was told, or will never be (it started after the call ended). */
  private boolean attemptOver;

  // The call's state, guarded by this (the call's watch).

  /** Whether the call's end has been decided and told. */
  private boolean over;

  /** The thread telling the call's end, while it does. */
  private Thread teller;

  /** The attempt the observer heard start and not yet end. */
  private Watch open;

  /** What the last attempt that ended failed with, and how it ended. */
  private Throwable lastFailure;

  private CallOutcome lastOutcome;

  private Watch(
      Object[] context,
      Watch call,
      CallObserver observer,
      long startedAt,
      int attempt,
      boolean whole) {
    this.context = context;
    this.call = call == null ? this : call;
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
        : new Watch(context, null, observer, System.nanoTime(), attempt, attempt == 1);
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
        ? new Watch(w.context, w.call, w.observer, System.nanoTime(), attempt, false)
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
   * Tells the observer that a call whose context could not be captured ended at once, with what the
   * capture threw: its listeners heard it start.
   *
   * @param observer the call's observer, or null
   * @param failure what the capture threw
   */
  public static void notCaptured(CallObserver observer, Throwable failure) {
    if (observer != null) {
      new Watch(null, null, observer, System.nanoTime(), 0, false)
          .decide(CallOutcome.FAILED, failure);
    }
  }

  /**
   * Lets go of the caller's context: for an attempt that is over while its method still holds a
   * bulkhead's slot, which keeps its watch to tell when it gives the slot back.
   */
  public void dropContext() {
    context = null;
  }

  /**
   * A completion of the call comes with {@code outcome}: returns whether it is the first, which
   * alone may complete the call, and if so tells the observer how the call ended and how long it
   * took, before the call completes (the attempt still open first, as ended the same way). A call
   * that fails with what its last attempt failed with ended as that attempt did (all its attempts
   * timed out: {@code TIMED_OUT}). An attempt of a call with several has no say here: always true.
   *
   * @param outcome how it ended
   * @param failure what it failed with, or null
   * @return whether this completion may complete the call
   */
  public boolean decide(CallOutcome outcome, Throwable failure) {
    if (attempt != 0 && !whole) {
      return true;
    }
    synchronized (this) {
      if (over) {
        return false;
      }
      over = true;
      teller = Thread.currentThread();
      try {
        Watch running = open;
        if (running != null && running != this && !running.attemptOver) {
          running.attemptOver = true;
          running.tellAttemptEnded(outcome, failure);
        }
        if (failure != null && failure == lastFailure) {
          outcome = lastOutcome;
        }
        try {
          observer.callEnded(outcome, failure, System.nanoTime() - startedAt);
        } catch (Throwable broken) {
          Providers.report(broken);
        }
      } finally {
        teller = null;
      }
      return true;
    }
  }

  /**
   * Whether the current thread is telling this call's end: a completion it attempts from inside
   * {@code callEnded} has lost and must not wait for the winner, which is itself.
   *
   * @return true on the thread telling the end
   */
  public boolean isTellingTheEnd() {
    return call.teller == Thread.currentThread();
  }

  /** The circuit let this attempt through. */
  public void attemptStarted() {
    synchronized (call) {
      if (call.over) {
        attemptOver = true; // a retry that raced the call's end: the observer never hears it
        return;
      }
      heard = true;
      call.open = this;
      try {
        observer.attemptStarted(attempt);
      } catch (Throwable broken) {
        Providers.report(broken);
      }
    }
  }

  /** Whether the observer is to hear of this attempt: it was told it started, and not yet ended. */
  private boolean live() {
    return heard && !attemptOver && !call.over;
  }

  /**
   * The circuit turned attempt {@code number} away; for a single attempt, that ends the call.
   *
   * @param number the attempt's number
   * @param failure what it fails with
   */
  public void circuitRejected(int number, Throwable failure) {
    synchronized (call) {
      if (!call.over) {
        try {
          observer.circuitRejected(number);
        } catch (Throwable broken) {
          Providers.report(broken);
        }
      }
    }
    if (whole) {
      decide(CallOutcome.FAILED, failure);
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
    synchronized (call) {
      if (live() && !queuedTold) {
        queuedTold = true;
        try {
          observer.bulkheadQueued(attempt);
        } catch (Throwable broken) {
          Providers.report(broken);
        }
      }
    }
  }

  /** The attempt has its bulkhead slot. */
  public void accepted() {
    synchronized (call) {
      long now = System.nanoTime();
      slotAt = now;
      if (!live()) {
        return;
      }
      long since = queuedAt;
      if (since != 0 && !queuedTold) {
        tellQueued();
      }
      try {
        // A queued attempt waited at least a nanosecond: 0 means it was not queued.
        observer.bulkheadAccepted(attempt, since == 0 ? 0 : Math.max(1, now - since));
      } catch (Throwable broken) {
        Providers.report(broken);
      }
    }
  }

  /** The bulkhead turned the attempt away. */
  public void rejected() {
    synchronized (call) {
      if (!live()) {
        return;
      }
      long since = queuedAt;
      try {
        observer.bulkheadRejected(attempt, since == 0 ? 0 : Math.max(1, System.nanoTime() - since));
      } catch (Throwable broken) {
        Providers.report(broken);
      }
    }
  }

  /** The attempt gave its bulkhead slot back: told even after the call's end. */
  public void released() {
    synchronized (call) {
      if (!heard) {
        return;
      }
      try {
        observer.bulkheadReleased(attempt, System.nanoTime() - slotAt);
      } catch (Throwable broken) {
        Providers.report(broken);
      }
    }
  }

  /**
   * The circuit counted the attempt's outcome.
   *
   * @param failure as a failure
   */
  public void counted(boolean failure) {
    synchronized (call) {
      if (live()) {
        try {
          observer.circuitCounted(attempt, failure);
        } catch (Throwable broken) {
          Providers.report(broken);
        }
      }
    }
  }

  /**
   * The attempt has ended: tells the observer how, and how long it took, unless it was told already
   * (the call's end told it) or never heard.
   *
   * @param outcome how it ended
   * @param failure what it failed with, or null
   */
  public void attemptEnded(CallOutcome outcome, Throwable failure) {
    synchronized (call) {
      if (!heard || attemptOver) {
        return;
      }
      attemptOver = true;
      if (call.open == this) {
        call.open = null;
      }
      call.lastFailure = failure;
      call.lastOutcome = outcome;
      tellAttemptEnded(outcome, failure);
    }
  }

  private void tellAttemptEnded(CallOutcome outcome, Throwable failure) {
    try {
      observer.attemptEnded(attempt, outcome, failure, System.nanoTime() - startedAt);
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
    synchronized (call) {
      if (!call.over) {
        try {
          observer.retryScheduled(number, delayNanos, failure);
        } catch (Throwable broken) {
          Providers.report(broken);
        }
      }
    }
  }

  /**
   * The method retries no more.
   *
   * @param retries how many retries there were
   * @param why why
   */
  public void retriesEnded(int retries, CallObserver.RetryEnd why) {
    synchronized (call) {
      if (!call.over) {
        try {
          observer.retriesEnded(retries, why);
        } catch (Throwable broken) {
          Providers.report(broken);
        }
      }
    }
  }

  /**
   * The fallback answers for the call.
   *
   * @param failure what the method failed with
   */
  public void fallbackApplied(Throwable failure) {
    synchronized (call) {
      if (!call.over) {
        try {
          observer.fallbackApplied(failure);
        } catch (Throwable broken) {
          Providers.report(broken);
        }
      }
    }
  }
}
