package dev.asyncdsl.internal.jfr;

import jdk.jfr.EventType;

/**
 * The runtime's event types, registered with Flight Recorder the first time a recording is seen:
 * whether each is enabled is one field of its {@link EventType}, which every recording's start and
 * stop (and a change of its settings) updates, so asking costs two reads.
 *
 * <p>Initialized only once Flight Recorder is (this class is loaded by {@link RecorderWatch} when
 * {@link jdk.jfr.FlightRecorder#isInitialized()} is true): registering an event type in a JVM that
 * has not initialized Flight Recorder would set up part of it for nothing.
 */
final class EventTypes {
  static final EventType CALL = EventType.getEventType(CallEvent.class);
  static final EventType ATTEMPT = EventType.getEventType(AttemptEvent.class);
  static final EventType TIMEOUT = EventType.getEventType(TimeoutEvent.class);
  static final EventType RETRY = EventType.getEventType(RetryEvent.class);
  static final EventType BULKHEAD_REJECTION = EventType.getEventType(BulkheadRejectionEvent.class);
  static final EventType CIRCUIT_REJECTION = EventType.getEventType(CircuitRejectionEvent.class);
  static final EventType CIRCUIT_CHANGE = EventType.getEventType(CircuitChangeEvent.class);

  private EventTypes() {}

  /**
   * Whether a running recording enables an event that a call may commit.
   *
   * @return true if one does
   */
  static boolean anyOfACall() {
    return CALL.isEnabled()
        || ATTEMPT.isEnabled()
        || TIMEOUT.isEnabled()
        || RETRY.isEnabled()
        || BULKHEAD_REJECTION.isEnabled()
        || CIRCUIT_REJECTION.isEnabled();
  }

  /**
   * Whether a running recording enables any of the runtime's events.
   *
   * @return true if one does
   */
  static boolean any() {
    return anyOfACall() || CIRCUIT_CHANGE.isEnabled();
  }
}
