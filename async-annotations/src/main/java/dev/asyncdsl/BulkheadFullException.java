package dev.asyncdsl;

/**
 * The call failed at once because its method's {@link Bulkhead} was full: every slot was taken and
 * the waiting queue too. The method did not run.
 */
public final class BulkheadFullException extends FaultToleranceException {
  private static final long serialVersionUID = 1L;

  /** How many calls ran when this one was rejected, for the message. */
  private final int running;

  /** How many calls waited for a slot then, for the message. */
  private final int waiting;

  BulkheadFullException(String method, int running, int waiting) {
    super(method);
    this.running = running;
    this.waiting = waiting;
  }

  @Override
  String reason() {
    return "the bulkhead is full (" + running + " running, " + waiting
        + " waiting); the call was rejected without running";
  }
}
