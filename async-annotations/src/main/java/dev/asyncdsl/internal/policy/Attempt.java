package dev.asyncdsl.internal.policy;

import static dev.asyncdsl.internal.policy.Policies.RELAY;
import static dev.asyncdsl.internal.policy.Policies.VOID;

import dev.asyncdsl.AsyncRuntime;
import dev.asyncdsl.BulkheadFullException;
import dev.asyncdsl.DeadlineExceededException;
import dev.asyncdsl.FaultTolerance;
import dev.asyncdsl.internal.AsyncCall;
import dev.asyncdsl.internal.event.Watch;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Executor;

/**
 * One attempt of a call under a method's {@link FaultTolerance}: {@code CircuitBreaker( Timeout(
 * Bulkhead( method )))}, the method under its timeout and bulkhead, let through by its circuit with
 * {@code ticket} (started by {@link Policies#attempt}); or, with {@code fallback}, the fallback's
 * call. It is the caller's future when the call is a single attempt, else a step of its {@link
 * GuardedCall} ({@code owner}).
 *
 * <p>Whoever completes it, the method or a timeout or a cancel, first wins its {@linkplain #claim
 * claim}, and only then completes it: the winner counts the outcome for the circuit, frees the
 * bulkhead's slot if the method is done with it, and tells the owner, all before anyone can see the
 * outcome. So a continuation that calls the method again finds the circuit and the bulkhead as this
 * outcome left them; and none of it needs a listener on the future.
 *
 * <p>A slot, once granted, is held until the executor has run the attempt (its method returned, or
 * it was over before it could start) and, for a relay, until it has completed too; a method that
 * ends on its own frees it just before the attempt completes.
 */
final class Attempt<T> extends AsyncCall.Relay<T> implements BulkheadSlots.Waiter {
  private static final VarHandle CLAIMED;
  private static final VarHandle HOLDS;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      CLAIMED = lookup.findVarHandle(Attempt.class, "claimed", boolean.class);
      HOLDS = lookup.findVarHandle(Attempt.class, "holds", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Policies policy;
  private final GuardedCall<T> owner;
  private final int kind;
  private final int ticket;
  private final boolean fallback;
  private Object body;

  @SuppressWarnings("unused") // accessed through CLAIMED
  private volatile boolean claimed;

  /** How many of the slot's holds are left: 0 without a slot. */
  @SuppressWarnings("unused") // accessed through HOLDS
  private volatile int holds;

  /** Whether it waits in the bulkhead's queue; written under the bulkhead's monitor. */
  private volatile boolean queued;

  /** Where it runs once a slot is free, while it waits for one. */
  private Executor executor;

  private Attempt(
      AsyncCall<?> parent,
      AsyncRuntime.TimedMethod timed,
      Policies policy,
      GuardedCall<T> owner,
      Object carried,
      int kind,
      int ticket,
      boolean fallback,
      Object body) {
    super(parent, timed, carried);
    this.policy = policy;
    this.owner = owner;
    this.kind = kind;
    this.ticket = ticket;
    this.fallback = fallback;
    this.body = body;
  }

  /**
   * An attempt of the method, a child of {@code parent}: the owner, or the caller's call. It
   * carries the caller's context, captured once per call: for a retry, the owner's, since it starts
   * on whatever thread ended the attempt before (a completer, after a backoff). {@code carried} is
   * that context, or the attempt's {@link Watch} when a listener follows the call.
   */
  Attempt(
      AsyncCall<?> parent,
      Policies policy,
      GuardedCall<T> owner,
      Object carried,
      int kind,
      int ticket,
      Object body) {
    this(parent, policy.timed, policy, owner, carried, kind, ticket, false, body);
  }

  /**
   * The fallback's call for {@code owner}, under no timeout of its own, answering {@code failure}.
   */
  static <T> Attempt<T> fallback(
      GuardedCall<T> owner, Policies policy, int kind, Object fallback, Throwable failure) {
    Object body;
    if (kind == VOID) {
      FaultTolerance.VoidFallback none = (FaultTolerance.VoidFallback) fallback;
      body = (AsyncRuntime.VoidBody) () -> none.apply(failure);
    } else {
      // A value, or a stage the attempt relays.
      FaultTolerance.ValueFallback<?> answer = (FaultTolerance.ValueFallback<?>) fallback;
      body = (AsyncRuntime.ValueBody<Object>) () -> answer.apply(failure);
    }
    return new Attempt<>(owner, null, policy, owner, owner.context(), kind, 0, true, body);
  }

  @Override
  protected Object invoke() throws Throwable {
    Object work = body;
    if (kind == VOID) {
      ((AsyncRuntime.VoidBody) work).run();
      return null;
    }
    return ((AsyncRuntime.ValueBody<?>) work).call();
  }

  @Override
  protected void releaseBody() {
    body = null;
  }

  @Override
  protected boolean relaysStage() {
    return kind == RELAY;
  }

  /**
   * Counts the outcome and tells the owner. Only the method's own outcome says something about the
   * method: what it returned or threw, its own timeout, and a refusal on its side (a full bulkhead,
   * the executor's) that kept it from running. An end its caller brought about (a cancel, a
   * deadline inherited from the caller, a value the caller completed the future with) does not
   * count for the circuit, and an attempt stopped that way has an owner that is over too.
   *
   * <p>A timed-out attempt is stopped before its owner hears of it, so that its method has been
   * interrupted (or kept from starting) before the next attempt or the fallback starts. Should the
   * bookkeeping break (a hand-built policy's predicate that throws), the owner fails with what
   * broke; without an owner, this call does ({@link AsyncCall#claim}).
   */
  @Override
  @SuppressWarnings("unchecked") // the outcome of this attempt's own body
  protected boolean claim(Object value, Throwable failure, int how) {
    if (!CLAIMED.compareAndSet(this, false, true)) {
      return false;
    }
    if (fallback) {
      owner.fallbackEnded((T) value, failure);
      return true;
    }
    Watch watch = carried() instanceof Watch w ? w : null;
    Throwable broken = null;
    try {
      BulkheadSlots slots = policy.bulkhead;
      if (slots != null) {
        if (queued) {
          slots.leaveQueue(this);
        }
        if (watch != null && how == REFUSED && failure instanceof BulkheadFullException) {
          watch.rejected();
        }
        if (how == BY_METHOD || how == LATE) {
          releaseAll();
        } else if (kind == RELAY) {
          release(); // the hold for its stage; the one for its run goes after the run
        }
      }
      if (policy.circuit != null) {
        boolean saysSomething = how != FROM_OUTSIDE || isOwnTimeout(failure);
        boolean countedAsFailure = policy.record(ticket, failure, saysSomething);
        if (watch != null && saysSomething) {
          watch.counted(countedAsFailure);
        }
      }
    } catch (Throwable t) {
      broken = t;
    }
    if (watch != null) {
      watch.attemptEnded(outcomeOf(failure, how), failure);
    }
    if (owner == null) {
      if (broken != null) {
        throw AsyncCall.<RuntimeException>rethrow(broken);
      }
      return true;
    }
    if (how == FROM_OUTSIDE && failure instanceof DeadlineExceededException) {
      stopNow(failure);
    }
    if (broken != null) {
      owner.broke(broken);
    } else {
      owner.ended((T) value, failure);
    }
    return true;
  }

  /** Whether {@code failure} is this attempt's own {@link Timeout}, not its caller's deadline. */
  private static boolean isOwnTimeout(Throwable failure) {
    return failure instanceof DeadlineExceededException timeout && !timeout.isInherited();
  }

  /**
   * The executor has run the attempt. A relay whose outcome is claimed already holds nothing more
   * after this: its slot goes even if the claim came before the slot was granted (a timeout or a
   * cancel between its start and its turn), when the claim could not free it.
   */
  @Override
  protected void afterRun() {
    if (kind == RELAY && isClaimed()) {
      releaseAll();
    } else {
      release();
    }
  }

  /** Whether its outcome has been claimed: it is over, or about to be. */
  @Override
  public boolean isClaimed() {
    return (boolean) CLAIMED.getVolatile(this);
  }

  /** A bulkhead's slot is this attempt's now. */
  @Override
  public void grant() {
    HOLDS.setVolatile(this, kind == RELAY ? 2 : 1);
    if (carried() instanceof Watch watch) {
      watch.accepted();
    }
  }

  /**
   * Hands the attempt, holding its slot, to {@code executor}; returns false if it refused (the
   * attempt failed with that), the slot no longer held: the caller gives it on.
   */
  @Override
  public boolean launch(Executor executor) {
    if (executeSelf(executor)) {
      return true;
    }
    HOLDS.setVolatile(this, 0);
    return false;
  }

  @Override
  public boolean isQueued() {
    return queued;
  }

  @Override
  public void setQueued(boolean queued) {
    this.queued = queued;
    if (queued && carried() instanceof Watch watch) {
      watch.queuing();
    }
  }

  @Override
  public void queued() {
    if (carried() instanceof Watch watch) {
      watch.tellQueued();
    }
  }

  /**
   * Lets go of the context once the attempt is over; keeps its watch, without the context, while
   * its method still holds a bulkhead's slot, to tell when it gives the slot back.
   */
  @Override
  protected void dropContext() {
    if ((int) HOLDS.getVolatile(this) != 0 && carried() instanceof Watch watch) {
      watch.dropContext();
    } else {
      super.dropContext();
    }
  }

  @Override
  public void setExecutor(Executor executor) {
    this.executor = executor;
  }

  @Override
  public Executor executor() {
    return executor;
  }

  /** One of the slot's holds is over; the last one frees the slot. */
  private void release() {
    while (true) {
      int current = (int) HOLDS.getVolatile(this);
      if (current == 0) {
        return;
      }
      if (HOLDS.compareAndSet(this, current, current - 1)) {
        if (current == 1) {
          tellReleased();
          policy.bulkhead.free();
        }
        return;
      }
    }
  }

  /** The method is done with the slot. */
  private void releaseAll() {
    if ((int) HOLDS.getAndSet(this, 0) != 0) {
      tellReleased();
      policy.bulkhead.free();
    }
  }

  /**
   * Tells the listener the slot is given back; an attempt that is over already lets go of its watch
   * then (it kept it for this alone).
   */
  private void tellReleased() {
    if (carried() instanceof Watch watch) {
      watch.released();
      if (isDone()) {
        super.dropContext();
      }
    }
  }
}
