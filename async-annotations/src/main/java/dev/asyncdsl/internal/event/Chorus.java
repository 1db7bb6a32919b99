package dev.asyncdsl.internal.event;

import dev.asyncdsl.internal.registry.Providers;
import dev.asyncdsl.spi.CallObserver;
import dev.asyncdsl.spi.CallOutcome;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The observers of one call when several listeners follow it: each event goes to each, in the
 * listeners' order, and one that throws keeps none of the others from hearing it.
 */
final class Chorus implements CallObserver {
  private final CallObserver[] observers;

  Chorus(CallObserver[] observers, int count) {
    this.observers = Arrays.copyOf(observers, count);
  }

  private void tell(Consumer<CallObserver> event) {
    for (CallObserver observer : observers) {
      try {
        event.accept(observer);
      } catch (Throwable broken) {
        Providers.report(broken);
      }
    }
  }

  @Override
  public void attemptStarted(int attempt) {
    tell(o -> o.attemptStarted(attempt));
  }

  @Override
  public void circuitRejected(int attempt) {
    tell(o -> o.circuitRejected(attempt));
  }

  @Override
  public void bulkheadQueued(int attempt) {
    tell(o -> o.bulkheadQueued(attempt));
  }

  @Override
  public void bulkheadAccepted(int attempt, long waitedNanos) {
    tell(o -> o.bulkheadAccepted(attempt, waitedNanos));
  }

  @Override
  public void bulkheadRejected(int attempt, long waitedNanos) {
    tell(o -> o.bulkheadRejected(attempt, waitedNanos));
  }

  @Override
  public void bulkheadReleased(int attempt, long heldNanos) {
    tell(o -> o.bulkheadReleased(attempt, heldNanos));
  }

  @Override
  public void circuitCounted(int attempt, boolean failure) {
    tell(o -> o.circuitCounted(attempt, failure));
  }

  @Override
  public void attemptEnded(
      int attempt, CallOutcome outcome, Throwable failure, long durationNanos) {
    tell(o -> o.attemptEnded(attempt, outcome, failure, durationNanos));
  }

  @Override
  public void retryScheduled(int attempt, long delayNanos, Throwable failure) {
    tell(o -> o.retryScheduled(attempt, delayNanos, failure));
  }

  @Override
  public void retriesEnded(int retries, RetryEnd why) {
    tell(o -> o.retriesEnded(retries, why));
  }

  @Override
  public void fallbackApplied(Throwable failure) {
    tell(o -> o.fallbackApplied(failure));
  }

  @Override
  public void callEnded(CallOutcome outcome, Throwable failure, long durationNanos) {
    tell(o -> o.callEnded(outcome, failure, durationNanos));
  }
}
