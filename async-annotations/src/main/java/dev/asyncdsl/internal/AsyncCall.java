package dev.asyncdsl.internal;

import dev.asyncdsl.AsyncMethod;
import dev.asyncdsl.AsyncRuntime;
import dev.asyncdsl.DeadlineExceededException;
import dev.asyncdsl.internal.context.Propagation;
import dev.asyncdsl.internal.event.Listeners;
import dev.asyncdsl.internal.event.Watch;
import dev.asyncdsl.internal.timer.Completions;
import dev.asyncdsl.internal.timer.Deadlines;
import dev.asyncdsl.spi.CallObserver;
import dev.asyncdsl.spi.CallOutcome;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * One call of a blocking method on an executor, seen as the future of its result.
 *
 * <p>Unlike {@link CompletableFuture#supplyAsync}, this future owns its work: {@code cancel(true)}
 * and the deadline interrupt the thread running it, a call cancelled before it starts never runs,
 * the calls its method started are cancelled with it, and the interrupt it sends never outlives the
 * call. Once the call has ended it holds nothing of its method: not the body (nor so the arguments
 * it captured), not the thread, not its children.
 *
 * <pre>
 * state:  NEW ──run──> RUNNING ──method returned──> FINISHED
 *          │              │
 *          │              └─completed from outside, interrupt─> INTERRUPTING ──> INTERRUPTED
 *          └─completed from outside before it ran─> FINISHED (the method never runs)
 * </pre>
 *
 * The runner waits out {@code INTERRUPTING} before it decides about the interrupt flag, so the
 * interrupt lands on this call and not on whatever the thread runs next (the handshake of {@link
 * java.util.concurrent.FutureTask}); it then clears the flag only if nobody else's interrupt can be
 * pending: none was pending when the call began, and no enclosing call running on the same thread
 * (an inline executor) has sent one.
 *
 * <p>The plain calls of {@code AsyncRuntime} are {@link Value}, {@link NoValue} and {@link Relay};
 * the policy package's attempts and guarded calls extend it through the hooks marked "for
 * override". Public for those packages only: the module does not export this one.
 *
 * @param <T> the type of the call's result
 */
public abstract class AsyncCall<T> extends CompletableFuture<T>
    implements Runnable, Thread.UncaughtExceptionHandler, Completions.TimedOut {
  private static final byte NEW = 0;
  private static final byte RUNNING = 1;
  private static final byte FINISHED = 2;
  private static final byte INTERRUPTING = 3;
  private static final byte INTERRUPTED = 4;

  private static final VarHandle STATE;
  private static final VarHandle WORK;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      STATE = lookup.findVarHandle(AsyncCall.class, "state", byte.class);
      WORK = lookup.findVarHandle(AsyncCall.class, "work", Work.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * A byte, not an int: beside {@link #flags} it fills the gap the header leaves before {@link
   * #deadline}, which is what leaves room for {@link #context} in the same 56 bytes a plain call
   * took without it.
   */
  @SuppressWarnings("unused") // accessed through STATE
  private volatile byte state;

  /**
   * {@link #OWN_THREAD}: set when the default executor's virtual thread runs this call and nothing
   * else; {@link #RAN}: the executor has run it (written by {@link #run}).
   */
  private byte flags;

  private static final byte OWN_THREAD = 1;
  private static final byte RAN = 2;

  /**
   * How the outcome a {@link #claim} asks for came about: what the method returned or threw (or its
   * relayed stage); the call's deadline, passed when the method had returned already; from outside,
   * while the method may still run (a timeout, a cancel, {@code complete} by anyone); or refused
   * before the method could run, by a full bulkhead or the executor.
   */
  protected static final int BY_METHOD = 0;

  protected static final int LATE = 1;
  protected static final int FROM_OUTSIDE = 2;
  protected static final int REFUSED = 3;

  /** What {@link #claimOutcome} returns when another completion won the claim; never thrown. */
  private static final Throwable LOST = new QuietCancellation();

  private volatile Thread runner;

  /** {@link #NONE}, or the {@link System#nanoTime()} at which the call fails. */
  protected final long deadline;

  /** The call whose method started this one, until this one completes. */
  private volatile AsyncCall<?> parent;

  /**
   * The deadline's timer entry, made with the call and armed by {@link #start}; disarmed when the
   * call completes, but kept: it also knows whose timeout the deadline is, for the timeout's
   * message, and a child made after its parent timed out inherits that (kept there, a call without
   * a deadline does not pay for it). Once disarmed it refers to nothing.
   */
  private volatile CallDeadline timer;

  /**
   * The context captured on the caller's thread when the call was made ({@link Propagation}), or
   * null when no propagator is in use: restored wherever the call's code runs. For a call a {@link
   * dev.asyncdsl.spi.CallListener} follows, a {@link Watch} holding that context, the call's
   * observer and its start; so a call nobody hears pays no field for it. Dropped once the call has
   * completed and its work has been stopped, so a future kept after its call ended keeps nothing of
   * its caller's context; whoever restores it reads it once.
   */
  private Object context;

  /** What to stop with this call; null until its method starts a call or registers a resource. */
  @SuppressWarnings("unused") // accessed through WORK
  private volatile Work work;

  /** No deadline. {@link System#nanoTime()} values are compared by difference, never to this. */
  protected static final long NONE = Long.MIN_VALUE;

  /** The longest timeout a deadline holds; longer ones are as good as none and would overflow. */
  private static final long LONGEST_NANOS = Long.MAX_VALUE >> 1;

  /**
   * A call started inside {@code parent}'s method (or outside any, for null), with a timeout of its
   * own ({@code timed}) or none. Its deadline is the earlier of its own and its parent's: a timeout
   * of zero or less has passed already.
   */
  protected AsyncCall(AsyncCall<?> parent, AsyncRuntime.TimedMethod timed) {
    this(parent, timed, heard(null, timed));
  }

  /**
   * As {@link #AsyncCall(AsyncCall, AsyncRuntime.TimedMethod)} for a call of {@code method}, which
   * the listeners hear (with its timeout's method, if it has one).
   */
  protected AsyncCall(AsyncCall<?> parent, AsyncMethod method, AsyncRuntime.TimedMethod timed) {
    this(parent, timed, heard(method, timed));
  }

  /**
   * What a plain call of {@code method} carries: the listeners are asked first, on the caller's
   * thread, then the context is captured (so a listener may make what it starts the context the
   * call carries). A timed method's listeners are told its timeout as its policies.
   */
  private static Object heard(AsyncMethod method, AsyncRuntime.TimedMethod timed) {
    AsyncMethod named = method != null || timed == null ? method : timed.method();
    if (named == null) {
      return Propagation.capture();
    }
    CallObserver observer = Listeners.callStarted(named, timed);
    Object[] context;
    try {
      context = Propagation.capture();
    } catch (Throwable broken) {
      Watch.notCaptured(observer, broken); // its listeners heard it start: it ended at once
      throw broken;
    }
    return Watch.of(context, observer, 0);
  }

  /**
   * As {@link #AsyncCall(AsyncCall, AsyncRuntime.TimedMethod)}, carrying {@code carried}, captured
   * already: a policy's attempt carries its owner's context, captured when the caller made the
   * call, or a {@link Watch} of it.
   */
  protected AsyncCall(AsyncCall<?> parent, AsyncRuntime.TimedMethod timed, Object carried) {
    this.context = carried;
    this.parent = parent;
    long inherited = parent == null ? NONE : parent.deadline;
    long own =
        timed == null
            ? NONE
            : System.nanoTime() + Math.min(Math.max(0, timed.timeoutNanos()), LONGEST_NANOS);
    if (timed != null && (inherited == NONE || own - inherited < 0)) {
      deadline = own;
      timer = new CallDeadline(this, timed, false);
    } else {
      deadline = inherited;
      if (inherited != NONE) {
        CallDeadline parentTimer = parent.timer;
        timer = new CallDeadline(this, parentTimer == null ? null : parentTimer.origin, true);
      }
    }
  }

  /**
   * The context captured for this call, or null (none, or the call is over): for the calls it
   * carries on to.
   */
  public final Object[] context() {
    return Watch.contextOf(context);
  }

  /**
   * What this call carries: its context, or the {@link Watch} of a call that is heard; null when it
   * carries neither, or the call is over.
   */
  protected final Object carried() {
    return context;
  }

  /**
   * The call is over and its work stopped: it lets go of the context (and of its watch).
   *
   * <p>For override by a policy's attempt, which keeps its watch, without the context, while its
   * method still holds a bulkhead's slot.
   */
  protected void dropContext() {
    context = null;
  }

  /**
   * Completes the call with what {@code supplier} returns (or throws), run on {@code executor}, as
   * {@link #complete} would: the listeners hear it before it completes.
   */
  @Override
  public CompletableFuture<T> completeAsync(Supplier<? extends T> supplier, Executor executor) {
    Objects.requireNonNull(supplier, "supplier");
    Objects.requireNonNull(executor, "executor");
    executor.execute(
        () -> {
          if (isDone()) {
            return;
          }
          T value;
          try {
            value = supplier.get();
          } catch (Throwable failure) {
            completeExceptionally(failure);
            return;
          }
          complete(value);
        });
    return this;
  }

  @Override
  public CompletableFuture<T> completeAsync(Supplier<? extends T> supplier) {
    return completeAsync(supplier, defaultExecutor());
  }

  /**
   * Decides the outcome of a call a listener follows, before it completes: only the first
   * completion goes on, and the listener hears it before anyone can see the future complete, so
   * whoever waits for the call finds what the listener recorded. Every completion passes here
   * first; for a call nobody hears, every one goes on, and the future keeps the first.
   */
  private boolean decide(CallOutcome outcome, Throwable failure) {
    if (!(context instanceof Watch watch) || watch.decide(outcome, failure)) {
      return true;
    }
    // Another completion was decided first, and its listener has heard it: it completes the
    // future next. Wait for that, so that a cancel that lost finds the future done, as it would
    // a plain one's; unless this thread is the one telling the end (a cancel from callEnded).
    while (!isDone() && !watch.isTellingTheEnd()) {
      Thread.onSpinWait();
    }
    return false;
  }

  /**
   * How an outcome that came about as {@code how} says ended a call, for its listeners: only the
   * runtime's timeout is a time-out and only a cancel from outside a cancel; what the method threw
   * is a failure, whatever it is.
   *
   * @param failure the failure, or null
   * @param how {@link #BY_METHOD}, {@link #LATE}, {@link #FROM_OUTSIDE} or {@link #REFUSED}
   * @return the outcome
   */
  protected static CallOutcome outcomeOf(Throwable failure, int how) {
    if (failure == null) {
      return CallOutcome.SUCCEEDED;
    }
    if (how != BY_METHOD) {
      if (how == LATE || failure instanceof DeadlineExceededException) {
        return CallOutcome.TIMED_OUT;
      }
      if (failure instanceof CancellationException) {
        return CallOutcome.CANCELLED;
      }
    }
    return CallOutcome.FAILED;
  }

  /**
   * Makes {@code captured}, a call's context read once from its field (null: none), the current
   * thread's, for work the runtime does for the call outside its run (completing it at a deadline
   * or a cancel, relaying its stage, stopping its work); returns what {@link #leaveContext} puts
   * back with the same snapshot. A propagator that cannot restore leaves the work to go on without
   * the context, its failure handed to the thread's uncaught-exception handler: a call is never
   * left pending for it.
   */
  static Object enterContext(Object[] captured) {
    if (captured == null) {
      return null;
    }
    try {
      return Propagation.restore(captured);
    } catch (Throwable broken) {
      Propagation.report(broken);
      return NOT_RESTORED;
    }
  }

  /** Puts back what {@link #enterContext} replaced. */
  static void leaveContext(Object[] captured, Object previous) {
    if (captured != null && previous != NOT_RESTORED) {
      Propagation.reset(captured, previous);
    }
  }

  /** What {@link #enterContext} returns when a propagator failed: nothing to put back. */
  private static final Object NOT_RESTORED = new Object();

  /** The nanoseconds left before this call's deadline (none left: 0), or -1 if it has none. */
  protected final long remainingNanos() {
    return deadline == NONE ? -1 : Math.max(0, deadline - System.nanoTime());
  }

  /**
   * Runs the method; returns what it returned (a stage, for a relay).
   *
   * <p>For override by each kind of call: how its body runs.
   */
  protected abstract Object invoke() throws Throwable;

  /**
   * Drops the body once it ran or can no longer run.
   *
   * <p>For override by each kind of call, which holds its body.
   */
  protected abstract void releaseBody();

  /**
   * Completes the call with what the method returned or threw (or relays its stage).
   *
   * <p>For override by {@link Relay}, which waits for the stage instead.
   */
  protected void conclude(Object returned, Throwable thrown) {
    endWork();
    @SuppressWarnings("unchecked") // invoke() returned the body's T
    T value = (T) returned;
    settle(value, thrown);
  }

  /** Arms the deadline, makes the call a child of its parent, hands it to the executor. */
  public final AsyncCall<T> start(Executor executor) {
    if (begin()) {
      executeSelf(executor);
    }
    return this;
  }

  /**
   * Hands this begun call to {@code executor}; returns whether it took the call. A rejection fails
   * the call with it.
   */
  public final boolean executeSelf(Executor executor) {
    flags = DefaultExecutor.startsOwnThread(executor) ? OWN_THREAD : 0;
    try {
      executor.execute(this);
      return true;
    } catch (Throwable rejected) {
      if ((flags & RAN) != 0) {
        // The executor ran the call on this thread and then threw (an inline executor passing on
        // what escaped the task): it took the call, which has settled its outcome itself. What it
        // threw is its caller's, as with any task; it is no refusal.
        throw AsyncCall.<RuntimeException>rethrow(rejected);
      }
      refuse(rejected);
      return false;
    }
  }

  /** Throws {@code failure} as it is, checked or not. */
  @SuppressWarnings("unchecked") // erased: throws the failure itself
  protected static <X extends Throwable> X rethrow(Throwable failure) throws X {
    throw (X) failure;
  }

  /**
   * The first half of {@link #start}: makes the call a child of its parent and arms its deadline.
   * Returns false if the call is over already (its parent was stopped, or its deadline has passed);
   * else the caller hands it to an executor, or has it wait for a bulkhead's slot.
   */
  public final boolean begin() {
    AsyncCall<?> enclosing = parent;
    if (enclosing != null && !enclosing.adopt(this)) {
      return false; // the parent was stopped: the child was stopped with it
    }
    CallDeadline deadlineEntry = timer;
    if (deadlineEntry != null) {
      if (deadline - System.nanoTime() <= 0) {
        expire();
        return false;
      }
      Deadlines.arm(deadlineEntry);
      if (isDone()) {
        cancelTimer();
      }
    }
    return true;
  }

  /** Fails the call from outside, without interrupting: it was refused before it could run. */
  public final void refuse(Throwable failure) {
    finishFromOutside(failure, REFUSED, false);
  }

  @Override
  public final void run() {
    flags |= RAN;
    if (!STATE.compareAndSet(this, NEW, RUNNING)) {
      afterRun();
      return; // completed from outside before it began, or run twice
    }
    Thread current = Thread.currentThread();
    boolean interruptedBefore = current.isInterrupted();
    runner = current;
    AsyncCall<?> outer;
    if ((flags & OWN_THREAD) != 0) {
      CallScope.enterOwnThread(current, this);
      outer = null;
    } else {
      outer = CallScope.swap(this);
    }
    Object returned = null;
    Throwable thrown = null;
    Object[] captured = null;
    Object previous = null;
    try {
      // A cancel or expiry that came before `runner` was visible could not interrupt: the method
      // must not start at all.
      if (!isDone()) {
        Object[] snapshot = Watch.contextOf(context);
        if (snapshot != null) {
          previous = Propagation.restore(snapshot); // a propagator that throws fails the call
          captured = snapshot;
        }
        returned = invoke();
      }
    } catch (Throwable failure) {
      thrown = failure;
    } finally {
      CallScope.swap(outer);
      releaseBody();
      runner = null;
      if (!STATE.compareAndSet(this, RUNNING, FINISHED)) {
        handOverInterrupt(current, interruptedBefore, outer);
      }
    }
    try {
      // The context stays while the call completes: its dependents run in it too.
      conclude(returned, thrown);
    } finally {
      leaveContext(captured, previous);
    }
    afterRun();
  }

  /**
   * The executor has run this call: its method returned, or it was over before it could start.
   *
   * <p>For override by a policy's attempt, which holds a bulkhead's slot until then; nothing for a
   * plain call.
   */
  protected void afterRun() {}

  /**
   * Whoever completes the call asks this first, and completes it only when it returns true; {@code
   * how} says how the outcome came about ({@link #BY_METHOD}, {@link #LATE}, {@link #FROM_OUTSIDE},
   * {@link #REFUSED}). A policy's attempt lets exactly one through and counts that outcome before
   * anyone can see it (a circuit, a bulkhead's slot, the retries); a plain call lets every
   * completion try, and the future keeps the first. It may throw once it has let the outcome
   * through, when its bookkeeping broke: the call then still completes ({@link #claimOutcome}).
   *
   * <p>For override by a policy's attempt; a plain call claims nothing.
   */
  protected boolean claim(Object value, Throwable failure, int how) {
    return true;
  }

  /**
   * {@link #claim}s the outcome for whoever would complete the call: returns the failure to
   * complete it with (null for {@code value}), or {@link #LOST} if another completion won. The
   * outcome let through, the call must complete even when counting it broke: then it fails with
   * what broke, unless its failure came from outside (a timeout, a cancel), which it keeps, with
   * what broke added to it.
   */
  private Throwable claimOutcome(Object value, Throwable failure, int how) {
    try {
      return claim(value, failure, how) ? failure : LOST;
    } catch (Throwable broken) {
      if (failure == null || how == BY_METHOD) {
        if (failure != null && failure != broken) {
          broken.addSuppressed(failure);
        }
        return broken;
      }
      if (failure != broken) {
        failure.addSuppressed(broken);
      }
      return failure;
    }
  }

  /**
   * This call was interrupted while its method ran. Waits until the interrupt has surely been
   * delivered, then clears it, unless it may also stand for an interrupt that is not this call's:
   * one pending when the call began, or one sent by an enclosing call on the same thread. Those are
   * left set (and set again if the method consumed the flag), so the caller sees them.
   */
  private void handOverInterrupt(Thread current, boolean interruptedBefore, AsyncCall<?> outer) {
    while ((byte) STATE.getVolatile(this) == INTERRUPTING) {
      Thread.onSpinWait();
    }
    if (interruptedBefore || interruptedOnThisThread(outer, current)) {
      if (!current.isInterrupted()) {
        current.interrupt();
      }
    } else {
      Thread.interrupted();
      // An enclosing call may have sent its interrupt between the check and the clearing: it
      // marks itself INTERRUPTING before it interrupts, so looking again after the clearing
      // finds every interrupt the clearing could have swallowed.
      if (interruptedOnThisThread(outer, current)) {
        current.interrupt();
      }
    }
  }

  /** Whether {@code call}, or a call it runs inside, has interrupted {@code thread}. */
  private static boolean interruptedOnThisThread(AsyncCall<?> call, Thread thread) {
    for (AsyncCall<?> c = call; c != null; c = c.parent) {
      byte s = (byte) STATE.getVolatile(c);
      if ((s == INTERRUPTING || s == INTERRUPTED) && c.runner == thread) {
        return true;
      }
    }
    return false;
  }

  /**
   * Completes with what the method returned or threw, unless its deadline has passed: then the call
   * timed out, whether or not the timer has fired yet (a busy machine cannot let a late result in).
   * A {@link CancellationException} the method threw is its failure, not a cancel of this call: the
   * future fails with it wrapped in a {@link CompletionException}, as {@code supplyAsync}'s does,
   * so it is not {@linkplain #isCancelled() cancelled}. Dependents run outside any call's scope: in
   * the scope of the relay this call belongs to when that relay still waits (its stage is part of
   * the relay), else in none.
   */
  protected final void settle(T value, Throwable failure) {
    AsyncCall<?> enclosing = parent;
    parent = null;
    AsyncCall<?> scope = enclosing instanceof Relay<?> && !enclosing.isDone() ? enclosing : null;
    AsyncCall<?> saved = CallScope.swap(scope);
    try {
      if (isPastDeadline()) {
        expire(true);
      } else {
        Throwable outcome = claimOutcome(value, failure, BY_METHOD);
        if (outcome == null) {
          completeNow(value);
        } else if (outcome != LOST) {
          failNow(
              outcome instanceof CancellationException ? new CompletionException(outcome) : outcome,
              BY_METHOD);
        }
      }
    } finally {
      CallScope.swap(saved);
    }
  }

  protected final boolean isPastDeadline() {
    return deadline != NONE && System.nanoTime() - deadline >= 0;
  }

  @Override
  public boolean complete(T value) {
    Object[] captured = context();
    Object previous = enterContext(captured);
    try {
      Throwable outcome = claimOutcome(value, null, FROM_OUTSIDE);
      return outcome == null
          ? completeNow(value)
          : outcome != LOST && failNow(outcome, FROM_OUTSIDE);
    } finally {
      leaveContext(captured, previous);
    }
  }

  @Override
  public boolean completeExceptionally(Throwable failure) {
    Object[] captured = context();
    Object previous = enterContext(captured);
    try {
      Throwable outcome = claimOutcome(null, failure, FROM_OUTSIDE);
      return outcome != LOST && failNow(outcome, FROM_OUTSIDE);
    } finally {
      leaveContext(captured, previous);
    }
  }

  private boolean completeNow(T value) {
    boolean completed = decide(CallOutcome.SUCCEEDED, null) && super.complete(value);
    if (completed) {
      cancelTimer();
      dropContext();
    }
    return completed;
  }

  private boolean failNow(Throwable failure, int how) {
    boolean completed =
        decide(outcomeOf(failure, how), failure) && super.completeExceptionally(failure);
    if (completed) {
      cancelTimer();
      dropContext();
    }
    return completed;
  }

  /**
   * Cancels the call, and every call its method started that still runs; with {@code
   * mayInterruptIfRunning} the threads running them are interrupted too (plain {@code
   * CompletableFuture} ignores that flag), and the resources registered with {@link #closeOnStop}
   * are closed.
   */
  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    return finishFromOutside(new CancellationException(), FROM_OUTSIDE, mayInterruptIfRunning)
        || isCancelled();
  }

  /**
   * Cancels without a stack trace: for the runtime's own cancelling of many calls at once (a failed
   * gather, a stopped parent), where walking the stack would be most of the cost.
   */
  final void cancelQuietly(boolean interrupt) {
    finishFromOutside(new QuietCancellation(), FROM_OUTSIDE, interrupt);
  }

  /**
   * The first half of {@link #cancelQuietly}: cancels the future and says whether it did; the
   * caller then stops the work with {@link #stopAfterCancel}. Cancelling a million calls is cheap;
   * waking a million methods is not, and need not hold up whoever waits for the cancelling.
   */
  final boolean cancelQuietlyFirst() {
    return finishInContext(new QuietCancellation());
  }

  /** The second half of {@link #cancelQuietlyFirst}. */
  final void stopAfterCancel(boolean interrupt) {
    stopInContext(interrupt);
  }

  /**
   * The call that started this one was stopped. A child whose deadline has passed (it inherited the
   * one its parent just ran out of) times out as the parent did; any other is cancelled.
   */
  public final void stopWithParent(boolean interrupt) {
    if (isPastDeadline()) {
      expire();
    } else {
      cancelQuietly(interrupt);
    }
  }

  /** Fails the call with its timeout now and stops its method. */
  protected final void expire() {
    expire(false);
  }

  /**
   * {@link #expire}; {@code methodReturned}: the method has returned already, too late, so the
   * timeout is the outcome but the method is done (a bulkhead's slot goes before anyone sees it).
   */
  private void expire(boolean methodReturned) {
    if (!isDone()) {
      finishFromOutside(timeoutException(), methodReturned ? LATE : FROM_OUTSIDE, true);
    }
  }

  /**
   * The timer's half of {@link #expire}: fails the call with its timeout and says whether it did;
   * the caller then calls {@link #stopTimedOut} (later, see {@link Completions}).
   */
  final boolean expireOnTime() {
    if (isDone()) {
      return false;
    }
    AsyncCall<?> saved = CallScope.swap(null);
    try {
      return finishInContext(timeoutException());
    } finally {
      CallScope.swap(saved);
    }
  }

  /** When the call timed out: its deadline, for {@link Completions}. */
  @Override
  public final long deadlineNanos() {
    return deadline;
  }

  /**
   * Stops the method of this call, which has timed out: on a completer, see {@link Completions}.
   */
  @Override
  public final void stopTimedOut() {
    stopInContext(true);
  }

  /**
   * The exception this completed call failed with, itself: {@code getNow} would hand out a copy of
   * a cancellation on newer JDKs, and a failure to close must be added to the one callers see.
   */
  final Throwable failureCause() {
    return handle((value, failure) -> failure).getNow(null);
  }

  /**
   * Completes the call from outside with {@code failure}, come about as {@code how} says, and stops
   * its work, in its context; then the call is over and drops the context. Returns whether it
   * completed the call.
   */
  private boolean finishFromOutside(Throwable failure, int how, boolean interrupt) {
    Object[] captured = context();
    Object previous = enterContext(captured);
    try {
      if (!finishOnly(failure, how)) {
        return false;
      }
      stopWork(interrupt, failure);
      dropContext();
      return true;
    } finally {
      leaveContext(captured, previous);
    }
  }

  /**
   * The first half of {@link #finishFromOutside}, for the runtime's bulk cancelling and its timer:
   * completes the call in its context; {@link #stopInContext} follows, later.
   */
  private boolean finishInContext(Throwable failure) {
    Object[] captured = context();
    Object previous = enterContext(captured);
    try {
      return finishOnly(failure, FROM_OUTSIDE);
    } finally {
      leaveContext(captured, previous);
    }
  }

  /** The second half: stops the work of the completed call in its context, then drops it. */
  private void stopInContext(boolean interrupt) {
    Object[] captured = context();
    Object previous = enterContext(captured);
    try {
      stopWork(interrupt, failureCause());
    } finally {
      dropContext();
      leaveContext(captured, previous);
    }
  }

  /**
   * Completes exceptionally from outside the method, the outcome having come about as {@code how}
   * says; a call that never started never will.
   */
  private boolean finishOnly(Throwable failure, int how) {
    if (isDone()) {
      return false;
    }
    Throwable outcome = claimOutcome(null, failure, how);
    if (outcome == LOST
        || !decide(outcomeOf(outcome, how), outcome)
        || !super.completeExceptionally(outcome)) {
      return false;
    }
    cancelTimer();
    if (STATE.compareAndSet(this, NEW, FINISHED)) {
      releaseBody();
      parent = null;
    }
    return true;
  }

  /**
   * Stops whatever still runs on behalf of this call after it was completed from outside: its
   * method (with {@code interrupt}), the calls it started, the resources it registered. A failure
   * to close one of those is added to {@code failure}, which the call failed with.
   *
   * <p>For override by a call that holds more work: a relay's stage, a guarded call's attempt. An
   * override stops its own and calls this.
   */
  protected void stopWork(boolean interrupt, Throwable failure) {
    if (interrupt) {
      interruptRunner();
    }
    Work registered = seal(Work.STOPPED);
    if (registered != null) {
      registered.stop(interrupt, failure);
    }
  }

  /** The method has returned (or the relayed stage completed): what it started is on its own. */
  protected final void endWork() {
    Work registered = seal(Work.ENDED);
    if (registered != null) {
      registered.end();
    }
  }

  /** Closes registration with {@code end}; returns what was registered, if anything. */
  private Work seal(Work end) {
    while (true) {
      Work current = (Work) WORK.getVolatile(this);
      if (current == Work.STOPPED || current == Work.ENDED) {
        return null;
      }
      if (WORK.compareAndSet(this, current, end)) {
        return current;
      }
    }
  }

  /**
   * Registers {@code child}, a call its method started, to be stopped with this one. Returns false
   * if this call has been stopped already: then the child is cancelled at once.
   *
   * <p>For override by a call that keeps its only child itself (a guarded call's attempt).
   */
  protected boolean adopt(AsyncCall<?> child) {
    Object outcome = register(child);
    if (outcome == Work.STOPPED) {
      child.parent = null;
      child.stopWithParent(true);
      return false;
    }
    return true;
  }

  /**
   * Registers {@code resource} to be closed if this call is stopped, for {@code
   * Tasks.closeOnCancel}.
   *
   * @param resource what to close
   * @return false if the call has been stopped already: the caller closes the resource now
   */
  public final boolean closeOnStop(AutoCloseable resource) {
    return register(resource) != Work.STOPPED;
  }

  /**
   * Registers {@code item}, a child call or an {@link AutoCloseable}, to be stopped or closed if
   * this call is stopped. Returns null once registered, or {@link Work#ENDED} or {@link
   * Work#STOPPED} if that can no longer happen: the method has returned, or the call has been
   * stopped already.
   */
  private Object register(Object item) {
    while (true) {
      Work current = (Work) WORK.getVolatile(this);
      if (current == Work.ENDED || current == Work.STOPPED) {
        return current;
      }
      if (current == null) {
        Work fresh = new Work();
        if (!WORK.compareAndSet(this, null, fresh)) {
          continue;
        }
        current = fresh;
      }
      if (current.add(item)) {
        return null;
      }
    }
  }

  /**
   * Stops the call's work before the call completes with {@code failure}: keeps the method from
   * starting if it has not, else interrupts it, and stops what it started. For a policy's attempt
   * that timed out, so that it is stopped before the next attempt (or the fallback) starts; the
   * later stop of the timeout finds nothing left to do.
   */
  protected final void stopNow(Throwable failure) {
    if (STATE.compareAndSet(this, NEW, FINISHED)) {
      releaseBody();
    }
    stopWork(true, failure);
  }

  private void interruptRunner() {
    if (STATE.compareAndSet(this, RUNNING, INTERRUPTING)) {
      try {
        Thread thread = runner;
        if (thread != null) {
          thread.interrupt();
        }
      } finally {
        STATE.setVolatile(this, INTERRUPTED);
      }
    }
  }

  private void cancelTimer() {
    CallDeadline armed = timer;
    if (armed != null) {
      armed.disarm(); // a volatile read once it is disarmed or has fired
    }
  }

  private DeadlineExceededException timeoutException() {
    CallDeadline entry = timer;
    return entry == null
        ? new DeadlineExceededException(null, false)
        : new DeadlineExceededException(entry.origin, entry.inherited);
  }

  /**
   * Hands on what escapes this call's thread to the thread group, as the default handler does.
   * Nothing escapes {@link #run}; this is only the slot {@link CallScope} keeps the call in.
   */
  @Override
  public void uncaughtException(Thread thread, Throwable failure) {
    thread.getThreadGroup().uncaughtException(thread, failure);
  }

  /**
   * The calls and resources a call's method started, to stop if the call is cancelled or times out.
   * Children are pruned as they complete, so a method that starts calls in a long loop holds only
   * those still running.
   */
  static final class Work {
    /** The call was stopped: what registers now is stopped at once. */
    static final Work STOPPED = new Work();

    /** The call's method has returned: nothing more is registered. */
    static final Work ENDED = new Work();

    private Object[] items = new Object[4];
    private int size;
    private boolean closed;

    synchronized boolean add(Object item) {
      if (closed) {
        return false;
      }
      if (size == items.length) {
        prune();
        if (size * 2 > items.length) {
          items = java.util.Arrays.copyOf(items, items.length * 2);
        }
      }
      items[size++] = item;
      return true;
    }

    private void prune() {
      int kept = 0;
      for (int i = 0; i < size; i++) {
        Object item = items[i];
        if (!(item instanceof CompletableFuture<?> future && future.isDone())) {
          items[kept++] = item;
        }
      }
      java.util.Arrays.fill(items, kept, size, null);
      size = kept;
    }

    private synchronized Object[] close() {
      closed = true;
      Object[] all = java.util.Arrays.copyOf(items, size);
      items = null;
      size = 0;
      return all;
    }

    /** The method has returned: what it started goes on on its own, and nothing is held. */
    synchronized void end() {
      closed = true;
      items = null;
      size = 0;
    }

    void stop(boolean interrupt, Throwable failure) {
      for (Object item : close()) {
        if (item instanceof AsyncCall<?> child) {
          child.stopWithParent(interrupt);
        } else {
          try {
            ((AutoCloseable) item).close();
          } catch (Throwable closeFailure) {
            if (failure != null && failure != closeFailure) {
              failure.addSuppressed(closeFailure);
            }
          }
        }
      }
    }
  }

  /** A {@link CancellationException} without a stack trace, for the runtime's bulk cancelling. */
  static final class QuietCancellation extends CancellationException {
    private static final long serialVersionUID = 1L;

    QuietCancellation() {
      super("cancelled by the runtime: a gather failed or the call that started it ended");
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }

  /**
   * A method returning a value.
   *
   * @param <T> the type of its result
   */
  public static final class Value<T> extends AsyncCall<T> {
    private AsyncRuntime.ValueBody<? extends T> body;

    /**
     * A call of {@code body}, not started.
     *
     * @param parent the call whose method starts it, or null
     * @param timed its timeout, or null
     * @param body the method's body
     */
    public Value(
        AsyncCall<?> parent,
        AsyncRuntime.TimedMethod timed,
        AsyncRuntime.ValueBody<? extends T> body) {
      super(parent, timed);
      this.body = body;
    }

    /**
     * A call of {@code method}, not started, which the listeners hear.
     *
     * @param parent the call whose method starts it, or null
     * @param method the method called
     * @param timed its timeout, or null
     * @param body the method's body
     */
    public Value(
        AsyncCall<?> parent,
        AsyncMethod method,
        AsyncRuntime.TimedMethod timed,
        AsyncRuntime.ValueBody<? extends T> body) {
      super(parent, method, timed);
      this.body = body;
    }

    @Override
    protected Object invoke() throws Throwable {
      return body.call();
    }

    @Override
    protected void releaseBody() {
      body = null;
    }
  }

  /** A {@code void} method. */
  public static final class NoValue extends AsyncCall<Void> {
    private AsyncRuntime.VoidBody body;

    /**
     * As {@link Value#Value}, for a {@code void} body.
     *
     * @param parent the call whose method starts it, or null
     * @param timed its timeout, or null
     * @param body the method's body
     */
    public NoValue(
        AsyncCall<?> parent, AsyncRuntime.TimedMethod timed, AsyncRuntime.VoidBody body) {
      super(parent, timed);
      this.body = body;
    }

    /**
     * As {@link Value#Value(AsyncCall, AsyncMethod, AsyncRuntime.TimedMethod,
     * AsyncRuntime.ValueBody)}, for a {@code void} body.
     *
     * @param parent the call whose method starts it, or null
     * @param method the method called
     * @param timed its timeout, or null
     * @param body the method's body
     */
    public NoValue(
        AsyncCall<?> parent,
        AsyncMethod method,
        AsyncRuntime.TimedMethod timed,
        AsyncRuntime.VoidBody body) {
      super(parent, method, timed);
      this.body = body;
    }

    @Override
    protected Object invoke() throws Throwable {
      body.run();
      return null;
    }

    @Override
    protected void releaseBody() {
      body = null;
    }
  }

  /**
   * A method that itself returns a stage: its outcome is relayed, not nested. The relay's work goes
   * on until that stage completes: calls started by continuations of its children belong to it too
   * (see {@link #settle}), and are stopped with it.
   *
   * @param <T> the type of the stage's result
   */
  public static class Relay<T> extends AsyncCall<T> {
    private AsyncRuntime.ValueBody<? extends CompletionStage<? extends T>> body;
    private volatile CompletionStage<? extends T> inner;

    /** How the relay was stopped from outside: 0 not (yet), 1 without interrupt, 2 with. */
    private volatile int stoppedWith;

    /**
     * A call of {@code body}, not started; a policy's attempt passes no body and runs its own.
     *
     * @param parent the call whose method starts it, or null
     * @param timed its timeout, or null
     * @param body the method's body, which returns the stage to relay
     */
    public Relay(
        AsyncCall<?> parent,
        AsyncRuntime.TimedMethod timed,
        AsyncRuntime.ValueBody<? extends CompletionStage<? extends T>> body) {
      super(parent, timed);
      this.body = body;
    }

    /**
     * A call of {@code method}, not started, which the listeners hear.
     *
     * @param parent the call whose method starts it, or null
     * @param method the method called
     * @param timed its timeout, or null
     * @param body the method's body, which returns the stage to relay
     */
    public Relay(
        AsyncCall<?> parent,
        AsyncMethod method,
        AsyncRuntime.TimedMethod timed,
        AsyncRuntime.ValueBody<? extends CompletionStage<? extends T>> body) {
      super(parent, method, timed);
      this.body = body;
    }

    /**
     * A call with no body of its own, carrying {@code carried}: a policy's attempt, which runs its
     * own body.
     *
     * @param parent the call whose method starts it, or null
     * @param timed its timeout, or null
     * @param carried the context captured for it, or its watch, or null
     */
    protected Relay(AsyncCall<?> parent, AsyncRuntime.TimedMethod timed, Object carried) {
      super(parent, timed, carried);
    }

    @Override
    protected Object invoke() throws Throwable {
      return body.call();
    }

    @Override
    protected void releaseBody() {
      body = null;
    }

    /**
     * Whether the method returns a stage to relay.
     *
     * <p>For override by a policy's attempt, which may run a plain method.
     */
    protected boolean relaysStage() {
      return true;
    }

    @Override
    protected void conclude(Object returned, Throwable thrown) {
      if (!relaysStage()) {
        super.conclude(returned, thrown);
        return;
      }
      if (thrown != null) {
        super.conclude(null, thrown);
        return;
      }
      if (isDone() && returned == null) {
        super.conclude(null, null);
        return;
      }
      if (returned == null) {
        super.conclude(null, new NullPointerException("the @Async method returned a null stage"));
        return;
      }
      @SuppressWarnings("unchecked") // invoke() returned the body's stage
      CompletionStage<? extends T> stage = (CompletionStage<? extends T>) returned;
      inner = stage;
      stage.whenComplete(
          (value, failure) -> {
            inner = null;
            Object[] captured = context();
            Object previous = enterContext(captured);
            try {
              endWork();
              settle(value, failure == null ? null : Stages.unwrap(failure));
            } finally {
              leaveContext(captured, previous);
            }
          });
      // Stopped from outside meanwhile: stopWork found no stage yet, so cancel it here (one
      // still to come, for a timeout, finds it in `inner`).
      int stopped = stoppedWith;
      if (stopped != 0) {
        cancelInner(stage, stopped == 2);
      }
    }

    @Override
    protected void stopWork(boolean interrupt, Throwable failure) {
      stoppedWith = interrupt ? 2 : 1;
      super.stopWork(interrupt, failure);
      CompletionStage<? extends T> stage = inner;
      if (stage != null) {
        inner = null;
        cancelInner(stage, interrupt);
      }
    }

    private static void cancelInner(CompletionStage<?> stage, boolean interrupt) {
      try {
        stage.toCompletableFuture().cancel(interrupt);
      } catch (UnsupportedOperationException notAFuture) {
        // A stage that cannot be cancelled finishes on its own; its result is dropped.
      }
    }
  }
}
