package dev.asyncdsl;

import java.util.concurrent.TimeoutException;

/**
 * The {@link TimeoutException} a call fails with when its {@link Timeout} deadline passes first.
 *
 * <p>It has no stack trace: it is raised by the deadline timer, whose stack says nothing about the
 * call, and a burst of timeouts would spend the timer's time walking it. The place that matters is
 * where the future is awaited, and {@code join()} or {@link Tasks#await} show that.
 */
public final class DeadlineExceededException extends TimeoutException {
  private static final long serialVersionUID = 1L;

  /** The method whose timeout it was, or null; see {@link #getMessage()}. */
  private final transient AsyncRuntime.TimedMethod origin;

  /** Whether the deadline was that of the call which started this one. */
  private final boolean inherited;

  /**
   * A timeout, made by the runtime when a call's deadline passes. Public so that the runtime's
   * internal packages can make it; an application has no reason to.
   *
   * @param origin the timed method whose timeout it was, or null (a timeout given by hand)
   * @param inherited whether the deadline was that of the call which started this one
   */
  public DeadlineExceededException(AsyncRuntime.TimedMethod origin, boolean inherited) {
    super(null);
    this.origin = origin;
    this.inherited = inherited;
  }

  /**
   * Whether the deadline was that of the call which started this one, not the call's own.
   *
   * @return true for an inherited deadline
   */
  public boolean isInherited() {
    return inherited;
  }

  /**
   * Which call and how long: {@code Forecasts.celsius(String) did not complete within 2 s}, or, for
   * a call that ran out of the deadline of the method that started it, {@code a call made inside
   * Forecasts.celsius(String) did not complete within that method's 2 s deadline}. Built when asked
   * for, so a burst of timeouts costs no string work.
   */
  @Override
  public String getMessage() {
    if (origin == null) {
      return "call did not complete within its deadline";
    }
    String method = origin.method == null ? "a timed call" : origin.method;
    return inherited
        ? "a call made inside "
            + method
            + " did not complete within its "
            + origin.timeout
            + " deadline"
        : (origin.method == null ? "call" : method) + " did not complete within " + origin.timeout;
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
