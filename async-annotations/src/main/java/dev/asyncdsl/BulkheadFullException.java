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

  /**
   * A rejection, made by the runtime when a call finds the bulkhead full. Public so that the
   * runtime's internal packages can make it; an application has no reason to.
   *
   * @param method the method the bulkhead guards, or null
   * @param running how many calls ran then
   * @param waiting how many calls waited for a slot then
   */
  public BulkheadFullException(String method, int running, int waiting) {
    super(method);
    this.running = running;
    this.waiting = waiting;
  }

  @Override
  String reason() {
    return "the bulkhead is full ("
        + running
        + " running, "
        + waiting
        + " waiting); the call was rejected without running";
  }
}
