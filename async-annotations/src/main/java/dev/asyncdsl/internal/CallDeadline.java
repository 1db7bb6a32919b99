package dev.asyncdsl.internal;

import dev.asyncdsl.AsyncRuntime;
import dev.asyncdsl.internal.timer.Completions;
import dev.asyncdsl.internal.timer.Deadlines;

/**
 * The deadline of a call, as the timer holds it: at the deadline it fails the call with a timeout,
 * then has the call's method stopped. Once disarmed it lets go of the call, which may sit in the
 * timer's heap or disarmed stack a while longer. It also knows whose timeout the deadline is, for
 * the timeout's message.
 */
final class CallDeadline extends Deadlines.Entry {
  private volatile AsyncCall<?> call;

  /** The method whose timeout the deadline is, or null (a hand-written timeout: unnamed). */
  final AsyncRuntime.TimedMethod origin;

  /** Whether the deadline is that of an enclosing call, which the call inherited. */
  final boolean inherited;

  CallDeadline(AsyncCall<?> call, AsyncRuntime.TimedMethod origin, boolean inherited) {
    super(call.deadline);
    this.call = call;
    this.origin = origin;
    this.inherited = inherited;
  }

  @Override
  public void run() {
    AsyncCall<?> due = call;
    call = null;
    if (due != null && due.expireOnTime()) {
      Completions.stopLater(due);
    }
  }

  @Override
  protected void release() {
    call = null;
  }
}
