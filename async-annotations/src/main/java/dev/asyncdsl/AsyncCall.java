package dev.asyncdsl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;

/**
 * One call of a blocking method on an executor, seen as the future of its result.
 *
 * <p>Unlike {@link CompletableFuture#supplyAsync}, this future owns its work: {@code cancel(true)}
 * and the deadline interrupt the thread running it, a call cancelled before it starts never runs,
 * and the interrupt it sends never outlives the call on a pooled thread.
 *
 * <p>The state moves {@code NEW -> RUNNING -> FINISHED}, or {@code RUNNING -> INTERRUPTING ->
 * INTERRUPTED} when a cancel or the deadline interrupts the runner. The runner waits out {@code
 * INTERRUPTING} before it clears the flag, so the interrupt lands on this call and not on whatever
 * the thread runs next (the same handshake as {@link java.util.concurrent.FutureTask}).
 */
abstract class AsyncCall<T> extends CompletableFuture<T> implements Runnable {
  private static final int NEW = 0;
  private static final int RUNNING = 1;
  private static final int FINISHED = 2;
  private static final int INTERRUPTING = 3;
  private static final int INTERRUPTED = 4;

  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(AsyncCall.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @SuppressWarnings("unused") // accessed through STATE
  private volatile int state;

  private volatile Thread runner;

  /** {@link Deadlines#NONE}, or the {@link System#nanoTime()} at which the call fails. */
  final long deadline;

  /** The armed deadline, while the call may still time out. */
  private volatile Deadlines.Entry timer;

  AsyncCall(long deadline) {
    this.deadline = deadline;
  }

  /**
   * Runs the method (through {@link #inScope}); completes this future unless it returns a stage to
   * relay.
   */
  abstract void invoke() throws Throwable;

  /**
   * Calls the method's body as the thread's current call, so calls it starts inherit this call's
   * deadline. The future is completed only after that scope is left: dependents that run on
   * completion are not inside this call and must not inherit its deadline.
   */
  final <V> V inScope(AsyncRuntime.ValueBody<V> body) throws Throwable {
    if (deadline == Deadlines.NONE) {
      return body.call();
    }
    AsyncCall<?> outer = Deadlines.enter(this);
    try {
      return body.call();
    } finally {
      Deadlines.exit(outer);
    }
  }

  /** Arms the deadline, hands the call to the executor and returns it. */
  final AsyncCall<T> start(Executor executor) {
    if (deadline != Deadlines.NONE) {
      long delay = deadline - System.nanoTime();
      if (delay <= 0) {
        expire();
        return this;
      }
      timer = Deadlines.arm(this);
      if (isDone()) {
        cancelTimer();
      }
    }
    try {
      executor.execute(this);
    } catch (Throwable rejected) {
      completeExceptionally(rejected);
    }
    return this;
  }

  @Override
  public final void run() {
    Thread current = Thread.currentThread();
    runner = current;
    if (isDone() || !STATE.compareAndSet(this, NEW, RUNNING)) {
      runner = null;
      return;
    }
    try {
      // A cancel or expiry that landed between the isDone() check and the claim found the call
      // still NEW, so it could not interrupt: the method must not start at all.
      if (!isDone()) {
        invoke();
      }
    } catch (Throwable failure) {
      settleExceptionally(failure);
    } finally {
      runner = null;
      if (!STATE.compareAndSet(this, RUNNING, FINISHED)) {
        while ((int) STATE.getVolatile(this) == INTERRUPTING) {
          Thread.onSpinWait();
        }
        // The interrupt was ours: do not leave it for the next task on this thread.
        Thread.interrupted();
      }
    }
  }

  /**
   * Completes with what the method returned, unless its deadline has passed: then the call timed
   * out, whether or not the timer has fired yet. A busy timer thread cannot let a late result in.
   */
  final void settle(T value) {
    if (isPastDeadline()) {
      expire();
    } else {
      complete(value);
    }
  }

  /** Fails with what the method threw, unless its deadline has passed (see {@link #settle}). */
  final void settleExceptionally(Throwable failure) {
    if (isPastDeadline()) {
      expire();
    } else {
      completeExceptionally(failure);
    }
  }

  private boolean isPastDeadline() {
    return deadline != Deadlines.NONE && System.nanoTime() - deadline >= 0;
  }

  @Override
  public boolean complete(T value) {
    boolean completed = super.complete(value);
    if (completed) {
      cancelTimer();
    }
    return completed;
  }

  @Override
  public boolean completeExceptionally(Throwable failure) {
    boolean completed = super.completeExceptionally(failure);
    if (completed) {
      cancelTimer();
    }
    return completed;
  }

  /**
   * Cancels the call; with {@code mayInterruptIfRunning} the thread running the method is
   * interrupted too (plain {@code CompletableFuture} ignores that flag).
   */
  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    if (cancelled) {
      cancelTimer();
      stopWork(mayInterruptIfRunning);
    }
    return cancelled;
  }

  final void expire() {
    if (!isDone() && super.completeExceptionally(timeoutException())) {
      cancelTimer();
      stopWork(true);
    }
  }

  /**
   * The timer's half of {@link #expire}: fails the call with its timeout and says whether it did;
   * the timer then calls {@link #stopWork} itself, once it has failed every other due call.
   */
  final boolean expireOnTime() {
    return !isDone() && super.completeExceptionally(timeoutException());
  }

  /** Stops whatever still runs on behalf of this call after it was completed from outside. */
  void stopWork(boolean interrupt) {
    if (interrupt) {
      interruptRunner();
    }
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
    Deadlines.Entry armed = timer;
    if (armed != null) {
      timer = null;
      armed.disarm();
    }
  }

  private static TimeoutException timeoutException() {
    return new DeadlineExceededException();
  }

  /** A method returning a value. */
  static final class Value<T> extends AsyncCall<T> {
    private final AsyncRuntime.ValueBody<? extends T> body;

    Value(long deadline, AsyncRuntime.ValueBody<? extends T> body) {
      super(deadline);
      this.body = body;
    }

    @Override
    void invoke() throws Throwable {
      settle(inScope(body));
    }
  }

  /** A {@code void} method. */
  static final class NoValue extends AsyncCall<Void> {
    private final AsyncRuntime.VoidBody body;

    NoValue(long deadline, AsyncRuntime.VoidBody body) {
      super(deadline);
      this.body = body;
    }

    @Override
    void invoke() throws Throwable {
      inScope(
          () -> {
            body.run();
            return null;
          });
      settle(null);
    }
  }

  /** A method that itself returns a stage: its outcome is relayed, not nested. */
  static final class Relay<T> extends AsyncCall<T> {
    private final AsyncRuntime.ValueBody<? extends CompletionStage<? extends T>> body;
    private volatile CompletionStage<? extends T> inner;

    Relay(long deadline, AsyncRuntime.ValueBody<? extends CompletionStage<? extends T>> body) {
      super(deadline);
      this.body = body;
    }

    @Override
    void invoke() throws Throwable {
      CompletionStage<? extends T> stage = inScope(body);
      if (stage == null) {
        throw new NullPointerException("the @Async method returned a null stage");
      }
      inner = stage;
      stage.whenComplete(
          (value, failure) -> {
            if (failure == null) {
              settle(value);
            } else {
              settleExceptionally(unwrap(failure));
            }
          });
      if (isDone()) {
        cancelInner(stage);
      }
    }

    @Override
    void stopWork(boolean interrupt) {
      super.stopWork(interrupt);
      CompletionStage<? extends T> stage = inner;
      if (stage != null) {
        cancelInner(stage);
      }
    }

    private static void cancelInner(CompletionStage<?> stage) {
      try {
        stage.toCompletableFuture().cancel(true);
      } catch (UnsupportedOperationException notAFuture) {
        // A stage that cannot be cancelled finishes on its own; its result is dropped.
      }
    }
  }

  /** The cause a dependent stage wrapped, so callers see the method's own exception. */
  static Throwable unwrap(Throwable failure) {
    Throwable current = failure;
    while (current instanceof CompletionException && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}
