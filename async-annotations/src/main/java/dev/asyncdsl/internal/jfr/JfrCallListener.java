package dev.asyncdsl.internal.jfr;

import dev.asyncdsl.AsyncMethod;
import dev.asyncdsl.FaultTolerance;
import dev.asyncdsl.spi.CallListener;
import dev.asyncdsl.spi.CallObserver;

/**
 * The listener that turns calls into Flight Recorder events ({@code dev.asyncdsl.*}). It is in the
 * runtime's list only while a recording that enables one of them runs ({@link RecorderWatch}), so a
 * JVM that does not record pays nothing for it; while it is, a call whose events the recordings all
 * disable gets {@link CallObserver#IGNORE}.
 */
public final class JfrCallListener implements CallListener {
  /** The one instance, which {@link RecorderWatch} registers and unregisters. */
  static final JfrCallListener INSTANCE = new JfrCallListener();

  private JfrCallListener() {}

  @Override
  public CallObserver callStarted(AsyncMethod method, FaultTolerance policies, boolean fallback) {
    return EventTypes.anyOfACall() ? new JfrObserver(method) : CallObserver.IGNORE;
  }

  @Override
  public void circuitChanged(
      FaultTolerance policies, FaultTolerance.CircuitState from, FaultTolerance.CircuitState to) {
    if (EventTypes.CIRCUIT_CHANGE.isEnabled()) {
      CircuitChangeEvent event =
          new CircuitChangeEvent(
              policies.asyncMethod(), from.name(), to.name(), policies.hasOwnState());
      event.commit();
    }
  }

  @Override
  public String toString() {
    return "Flight Recorder (dev.asyncdsl.* events)";
  }
}
