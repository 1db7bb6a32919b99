package dev.asyncdsl.micrometer;

import static dev.asyncdsl.micrometer.MeterNames.BULKHEAD_CALLS_TOTAL;
import static dev.asyncdsl.micrometer.MeterNames.BULKHEAD_RESULT_ACCEPTED;
import static dev.asyncdsl.micrometer.MeterNames.BULKHEAD_RESULT_REJECTED;
import static dev.asyncdsl.micrometer.MeterNames.BULKHEAD_RUNNING_DURATION;
import static dev.asyncdsl.micrometer.MeterNames.BULKHEAD_WAITING_DURATION;
import static dev.asyncdsl.micrometer.MeterNames.CIRCUIT_BREAKER_CALLS_TOTAL;
import static dev.asyncdsl.micrometer.MeterNames.CIRCUIT_BREAKER_OPENED_TOTAL;
import static dev.asyncdsl.micrometer.MeterNames.CIRCUIT_BREAKER_RESULT_FAILURE;
import static dev.asyncdsl.micrometer.MeterNames.CIRCUIT_BREAKER_RESULT_OPEN;
import static dev.asyncdsl.micrometer.MeterNames.CIRCUIT_BREAKER_RESULT_SUCCESS;
import static dev.asyncdsl.micrometer.MeterNames.FALLBACK_APPLIED;
import static dev.asyncdsl.micrometer.MeterNames.FALLBACK_NOT_APPLIED;
import static dev.asyncdsl.micrometer.MeterNames.FALLBACK_NOT_DEFINED;
import static dev.asyncdsl.micrometer.MeterNames.INVOCATIONS_TOTAL;
import static dev.asyncdsl.micrometer.MeterNames.RESULT_EXCEPTION_THROWN;
import static dev.asyncdsl.micrometer.MeterNames.RESULT_VALUE_RETURNED;
import static dev.asyncdsl.micrometer.MeterNames.RETRIED_FALSE;
import static dev.asyncdsl.micrometer.MeterNames.RETRIED_TRUE;
import static dev.asyncdsl.micrometer.MeterNames.RETRY_CALLS_TOTAL;
import static dev.asyncdsl.micrometer.MeterNames.RETRY_RETRIES_TOTAL;
import static dev.asyncdsl.micrometer.MeterNames.TIMED_OUT_FALSE;
import static dev.asyncdsl.micrometer.MeterNames.TIMED_OUT_TRUE;
import static dev.asyncdsl.micrometer.MeterNames.TIMEOUT_CALLS_TOTAL;
import static dev.asyncdsl.micrometer.MeterNames.TIMEOUT_EXECUTION_DURATION;

import dev.asyncdsl.AsyncMethod;
import dev.asyncdsl.FaultTolerance;
import dev.asyncdsl.spi.CallObserver;
import dev.asyncdsl.spi.CallObserver.RetryEnd;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * The meters of one method in one registry, and the observers that count its calls in them: looked
 * up once per call, by the method.
 *
 * <p>The meters of a policy are registered, every tag combination at once, the first time a call of
 * the method with that policy starts, as SmallRye registers them when the method is first called; a
 * call then finds them all resolved in its observer and builds no tags. The observers are kept by
 * the call's shape (which policies, whether it has a fallback): a method's calls almost always have
 * one shape, but a method's name may be given to policies built by hand that differ.
 *
 * <p>A twin's copy with state of its own ({@link FaultTolerance#withOwnState()}) names the same
 * method, so its calls count in the same counters and timers as the method's; the gauges follow the
 * method's shared policies ({@link PolicyGauges}).
 */
final class MethodMeters {
  // The bits of a call's shape.
  private static final int FALLBACK = 1;
  private static final int RETRY = 2;
  private static final int TIMEOUT = 4;
  private static final int CIRCUIT = 8;
  private static final int BULKHEAD = 16;
  private static final int GAUGED = CIRCUIT | BULKHEAD;

  private static final RetryEnd[] RETRY_ENDS = RetryEnd.values();

  private final Recorder recorder;
  private final MeterRegistry registry;
  private final AsyncMethod method;
  private final Tag methodTag;
  private final Tags methodTags;

  /**
   * The observer of each shape, made when a call of that shape first starts. Read without a lock:
   * an observer's fields are final, so one seen here is seen whole.
   */
  private final MethodObserver[] observers = new MethodObserver[32];

  /** The gauges of the circuit and the bulkhead, and the policies they read. */
  private final PolicyGauges gauges;

  // The meters, registered when first needed; guarded by this.
  private Counter[] invocations; // valueReturned, exceptionThrown with notDefined
  private Counter[] fallbackInvocations; // the same with notApplied, then with applied
  private Policy retryMeters;
  private Policy timeoutMeters;
  private Policy circuitMeters;
  private Policy bulkheadMeters;
  private Counter circuitOpened;
  private boolean closed;

  MethodMeters(Recorder recorder, MeterRegistry registry, AsyncMethod method) {
    this.recorder = recorder;
    this.registry = registry;
    this.method = method;
    this.methodTag = MeterNames.method(method);
    this.methodTags = Tags.of(methodTag);
    this.gauges = new PolicyGauges(method, methodTag);
  }

  /**
   * The observer of a call that starts now, with {@code policies} (null for a plain method) and a
   * fallback or not: the method's shared observer of that shape, or, with a fallback, a {@link
   * FallbackCall} around it.
   */
  CallObserver observe(FaultTolerance policies, boolean fallback) {
    int shape = fallback ? FALLBACK : 0;
    if (policies != null) {
      if (policies.hasRetry()) {
        shape |= RETRY;
      }
      if (policies.hasTimeout()) {
        shape |= TIMEOUT;
      }
      if (policies.hasCircuitBreaker()) {
        shape |= CIRCUIT;
      }
      if (policies.hasBulkhead()) {
        shape |= BULKHEAD;
      }
    }
    MethodObserver observer = observers[shape];
    if (observer == null) {
      observer = create(shape, policies);
    } else if ((shape & GAUGED) != 0) {
      gauges.follow(policies);
    }
    return fallback ? new FallbackCall(observer) : observer;
  }

  /**
   * The circuit of {@code policies}, this method's, has opened. Its meters are registered now if no
   * call with a circuit breaker has started since the registry was bound (the calls that opened it
   * started before).
   */
  void circuitOpened(FaultTolerance policies) {
    Counter opened;
    synchronized (this) {
      circuitMeters();
      opened = circuitOpened;
      gauges.follow(policies);
      if (!closed && !recorder.isClosed()) {
        gauges.register(registry, true, false);
      }
    }
    opened.increment();
  }

  /** Stops reading the policies: removes the gauges from the registry. */
  synchronized void close() {
    closed = true;
    gauges.removeFrom(registry);
  }

  private synchronized MethodObserver create(int shape, FaultTolerance policies) {
    MethodObserver observer = observers[shape];
    if (observer != null) {
      return observer;
    }
    Policy meters =
        new Policy(
            (shape & RETRY) == 0 ? null : retryMeters(),
            (shape & TIMEOUT) == 0 ? null : timeoutMeters(),
            (shape & CIRCUIT) == 0 ? null : circuitMeters(),
            (shape & BULKHEAD) == 0 ? null : bulkheadMeters());
    if ((shape & FALLBACK) != 0) {
      Counter[] counted = fallbackInvocations();
      MethodObserver applied = new MethodObserver(counted[2], counted[3], null, meters, false);
      observer = new MethodObserver(counted[0], counted[1], applied, meters, false);
    } else {
      Counter[] counted = invocations();
      // A timeout alone: the call is its one attempt, counted when it ends (a timed twin method
      // is a plain call, which tells no attempt).
      observer = new MethodObserver(counted[0], counted[1], null, meters, shape == TIMEOUT);
    }
    if ((shape & GAUGED) != 0) {
      gauges.follow(policies);
      if (!closed && !recorder.isClosed()) {
        gauges.register(registry, (shape & CIRCUIT) != 0, (shape & BULKHEAD) != 0);
      }
    }
    observers[shape] = observer;
    return observer;
  }

  private Counter[] invocations() {
    if (invocations == null) {
      invocations =
          new Counter[] {
            counter(INVOCATIONS_TOTAL, RESULT_VALUE_RETURNED, FALLBACK_NOT_DEFINED),
            counter(INVOCATIONS_TOTAL, RESULT_EXCEPTION_THROWN, FALLBACK_NOT_DEFINED)
          };
    }
    return invocations;
  }

  private Counter[] fallbackInvocations() {
    if (fallbackInvocations == null) {
      fallbackInvocations =
          new Counter[] {
            counter(INVOCATIONS_TOTAL, RESULT_VALUE_RETURNED, FALLBACK_NOT_APPLIED),
            counter(INVOCATIONS_TOTAL, RESULT_EXCEPTION_THROWN, FALLBACK_NOT_APPLIED),
            counter(INVOCATIONS_TOTAL, RESULT_VALUE_RETURNED, FALLBACK_APPLIED),
            counter(INVOCATIONS_TOTAL, RESULT_EXCEPTION_THROWN, FALLBACK_APPLIED)
          };
    }
    return fallbackInvocations;
  }

  private Policy retryMeters() {
    if (retryMeters == null) {
      Counter retries = counter(RETRY_RETRIES_TOTAL);
      Counter[] calls = new Counter[2 * RETRY_ENDS.length];
      for (boolean retried : new boolean[] {false, true}) {
        for (RetryEnd why : RETRY_ENDS) {
          calls[retryIndex(retried, why)] =
              counter(
                  RETRY_CALLS_TOTAL,
                  retried ? RETRIED_TRUE : RETRIED_FALSE,
                  MeterNames.retryResult(why));
        }
      }
      retryMeters = new Policy();
      retryMeters.retries = retries;
      retryMeters.retryCalls = calls;
    }
    return retryMeters;
  }

  /**
   * Where {@code ft.retry.calls.total} with {@code retried} and {@code why} is kept.
   *
   * @param retried whether there were retries
   * @param why why the retries ended
   * @return its index
   */
  static int retryIndex(boolean retried, RetryEnd why) {
    return (retried ? RETRY_ENDS.length : 0) + why.ordinal();
  }

  private Policy timeoutMeters() {
    if (timeoutMeters == null) {
      timeoutMeters = new Policy();
      timeoutMeters.timedOut = counter(TIMEOUT_CALLS_TOTAL, TIMED_OUT_TRUE);
      timeoutMeters.notTimedOut = counter(TIMEOUT_CALLS_TOTAL, TIMED_OUT_FALSE);
      timeoutMeters.executionDuration = timer(TIMEOUT_EXECUTION_DURATION);
    }
    return timeoutMeters;
  }

  private Policy circuitMeters() {
    if (circuitMeters == null) {
      circuitMeters = new Policy();
      circuitMeters.circuitSuccess =
          counter(CIRCUIT_BREAKER_CALLS_TOTAL, CIRCUIT_BREAKER_RESULT_SUCCESS);
      circuitMeters.circuitFailure =
          counter(CIRCUIT_BREAKER_CALLS_TOTAL, CIRCUIT_BREAKER_RESULT_FAILURE);
      circuitMeters.circuitOpen = counter(CIRCUIT_BREAKER_CALLS_TOTAL, CIRCUIT_BREAKER_RESULT_OPEN);
      circuitOpened = counter(CIRCUIT_BREAKER_OPENED_TOTAL);
    }
    return circuitMeters;
  }

  private Policy bulkheadMeters() {
    if (bulkheadMeters == null) {
      bulkheadMeters = new Policy();
      bulkheadMeters.bulkheadAccepted = counter(BULKHEAD_CALLS_TOTAL, BULKHEAD_RESULT_ACCEPTED);
      bulkheadMeters.bulkheadRejected = counter(BULKHEAD_CALLS_TOTAL, BULKHEAD_RESULT_REJECTED);
      bulkheadMeters.bulkheadRunning = timer(BULKHEAD_RUNNING_DURATION);
      // Every twin's call is asynchronous: the waiting meters are always there.
      bulkheadMeters.bulkheadWaiting = timer(BULKHEAD_WAITING_DURATION);
    }
    return bulkheadMeters;
  }

  private Counter counter(String name, Tag... tags) {
    return Counter.builder(name).tags(methodTags.and(tags)).register(registry);
  }

  private Timer timer(String name) {
    return Timer.builder(name).tags(methodTags).register(registry);
  }

  /**
   * The meters of a call's policies, gathered for a {@link MethodObserver}: each policy's own
   * group, or the groups of several merged; a policy absent leaves its meters null.
   */
  static final class Policy {
    Counter retries;
    Counter[] retryCalls;
    Counter timedOut;
    Counter notTimedOut;
    Timer executionDuration;
    Counter circuitSuccess;
    Counter circuitFailure;
    Counter circuitOpen;
    Counter bulkheadAccepted;
    Counter bulkheadRejected;
    Timer bulkheadRunning;
    Timer bulkheadWaiting;

    Policy() {}

    /** The meters of the groups given, those not null. */
    Policy(Policy retry, Policy timeout, Policy circuit, Policy bulkhead) {
      if (retry != null) {
        retries = retry.retries;
        retryCalls = retry.retryCalls;
      }
      if (timeout != null) {
        timedOut = timeout.timedOut;
        notTimedOut = timeout.notTimedOut;
        executionDuration = timeout.executionDuration;
      }
      if (circuit != null) {
        circuitSuccess = circuit.circuitSuccess;
        circuitFailure = circuit.circuitFailure;
        circuitOpen = circuit.circuitOpen;
      }
      if (bulkhead != null) {
        bulkheadAccepted = bulkhead.bulkheadAccepted;
        bulkheadRejected = bulkhead.bulkheadRejected;
        bulkheadRunning = bulkhead.bulkheadRunning;
        bulkheadWaiting = bulkhead.bulkheadWaiting;
      }
    }
  }
}
