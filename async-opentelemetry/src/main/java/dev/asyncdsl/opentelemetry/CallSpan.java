package dev.asyncdsl.opentelemetry;

import dev.asyncdsl.spi.CallObserver;
import dev.asyncdsl.spi.CallOutcome;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.Locale;
import java.util.concurrent.CompletionException;

/**
 * The span of one call, and of each of its attempts when its method retries: the {@link
 * CallObserver} {@link OpenTelemetryCallListener} makes for a call whose span records.
 *
 * <p>The runtime tells a call's events one at a time, in order, on whichever thread brought each
 * about, and publishes this object's fields from one to the next: the fields need no lock. The
 * call's end comes last and ends every span still open; should anything come after it, it changes
 * nothing.
 *
 * <p>An attempt's span stays open after the attempt has ended until the method decides what comes
 * next, at once and on the same thread, so that it can carry the delay before the retry.
 */
final class CallSpan implements CallObserver {
  /** How the call, or the attempt, ended. */
  static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("asyncdsl.outcome");

  /** The attempt's number, from 1. */
  static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("asyncdsl.attempt");

  /** On a failed attempt's span: the delay before the next attempt, in milliseconds. */
  static final AttributeKey<Double> RETRY_DELAY_MS =
      AttributeKey.doubleKey("asyncdsl.retry.delay_ms");

  /** On the call's span, of a method that retries: how many retries there were. */
  static final AttributeKey<Long> RETRIES = AttributeKey.longKey("asyncdsl.retries");

  /** On the call's span, of a method that retries: why it retried no more. */
  static final AttributeKey<String> RETRY_END = AttributeKey.stringKey("asyncdsl.retry.end");

  /** Semantic conventions: the class of the error a failed operation ended with. */
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  /** Semantic conventions: an exception's class, on an event. */
  static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");

  /** Semantic conventions: an exception's message, on an event. */
  static final AttributeKey<String> EXCEPTION_MESSAGE = AttributeKey.stringKey("exception.message");

  /** The event on the call's span when the fallback answers for it. */
  static final String FALLBACK_EVENT = "asyncdsl.fallback";

  /** The event on the call's span when the circuit turns an attempt away. */
  static final String CIRCUIT_REJECTED_EVENT = "asyncdsl.circuit_rejected";

  private static final String[] OUTCOMES = lowerCaseNames(CallOutcome.values());
  private static final String[] RETRY_ENDS = lowerCaseNames(RetryEnd.values());

  private final Tracer tracer;
  private final Span span;
  private final Context context;

  /** The name of the attempts' spans; null for a method without retries, which has none. */
  private final String attemptName;

  /** The slot the call was handed in, to clear at its end; null when it was not handed. */
  private SpanHandoff.Slot slot;

  /** The span of the attempt under way, or null. */
  private Span attempt;

  /** The span of the attempt that ended, open until the method decides what comes next. */
  private Span ended;

  /** Whether the call has ended: its span, and every attempt's, too. */
  private boolean over;

  /**
   * Follows a call whose span has started.
   *
   * @param tracer the tracer of the attempts' spans
   * @param span the call's span, recording
   * @param context the caller's context with {@code span}
   * @param attemptName the name of the attempts' spans, or null for none
   */
  CallSpan(Tracer tracer, Span span, Context context, String attemptName) {
    this.tracer = tracer;
    this.span = span;
    this.context = context;
    this.attemptName = attemptName;
  }

  /**
   * The context the call carries: the caller's, with the call's span current.
   *
   * @return the context
   */
  Context context() {
    return context;
  }

  /**
   * Notes the slot the call was handed in.
   *
   * @param slot the slot
   */
  void handedIn(SpanHandoff.Slot slot) {
    this.slot = slot;
  }

  @Override
  public void attemptStarted(int attempt) {
    if (attemptName == null || over) {
      return;
    }
    endAttempt();
    this.attempt =
        tracer
            .spanBuilder(attemptName)
            .setParent(context)
            .setSpanKind(SpanKind.INTERNAL)
            .setAttribute(ATTEMPT, (long) attempt)
            .startSpan();
  }

  @Override
  public void circuitRejected(int attempt) {
    if (over) {
      return;
    }
    endAttempt();
    span.addEvent(CIRCUIT_REJECTED_EVENT, Attributes.of(ATTEMPT, (long) attempt));
  }

  @Override
  public void attemptEnded(
      int attempt, CallOutcome outcome, Throwable failure, long durationNanos) {
    Span running = this.attempt;
    if (running == null || over) {
      return;
    }
    this.attempt = null;
    ended(running, outcome, failure);
    ended = running;
  }

  @Override
  public void retryScheduled(int attempt, long delayNanos, Throwable failure) {
    Span failed = ended;
    if (failed != null) {
      failed.setAttribute(RETRY_DELAY_MS, delayNanos / 1_000_000.0);
    }
    endAttempt();
  }

  @Override
  public void retriesEnded(int retries, RetryEnd why) {
    if (over) {
      return;
    }
    endAttempt();
    span.setAttribute(RETRIES, (long) retries);
    span.setAttribute(RETRY_END, RETRY_ENDS[why.ordinal()]);
  }

  @Override
  public void fallbackApplied(Throwable failure) {
    if (over) {
      return;
    }
    endAttempt();
    Throwable cause = unwrap(failure);
    String message = cause.getMessage();
    span.addEvent(
        FALLBACK_EVENT,
        message == null
            ? Attributes.of(EXCEPTION_TYPE, cause.getClass().getName())
            : Attributes.of(
                EXCEPTION_TYPE, cause.getClass().getName(), EXCEPTION_MESSAGE, message));
  }

  @Override
  public void callEnded(CallOutcome outcome, Throwable failure, long durationNanos) {
    if (over) {
      return;
    }
    over = true;
    SpanHandoff.Slot handed = slot;
    if (handed != null) {
      slot = null;
      SpanHandoff.withdraw(handed, this);
    }
    Span running = attempt;
    if (running != null) {
      // Not told it ended (the runtime tells it first): it ends with the call.
      attempt = null;
      ended(running, outcome, failure);
      running.end();
    }
    endAttempt();
    ended(span, outcome, failure);
    span.end();
  }

  /** Ends the span of the attempt that ended, if it is still open. */
  private void endAttempt() {
    Span open = ended;
    if (open != null) {
      ended = null;
      open.end();
    }
  }

  /** Marks {@code target} with the outcome, and with the error if it failed. */
  private static void ended(Span target, CallOutcome outcome, Throwable failure) {
    target.setAttribute(OUTCOME, OUTCOMES[outcome.ordinal()]);
    if (failure != null) {
      Throwable cause = unwrap(failure);
      target.setAttribute(ERROR_TYPE, cause.getClass().getName());
      target.setStatus(StatusCode.ERROR);
      target.recordException(cause);
    }
  }

  /** What a {@link CompletionException} stands for. */
  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
  }

  private static String[] lowerCaseNames(Enum<?>[] values) {
    String[] names = new String[values.length];
    for (Enum<?> value : values) {
      names[value.ordinal()] = value.name().toLowerCase(Locale.ROOT);
    }
    return names;
  }
}
