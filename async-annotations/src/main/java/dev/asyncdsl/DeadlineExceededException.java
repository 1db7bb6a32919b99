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

  DeadlineExceededException() {
    super("call did not complete within its deadline");
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
