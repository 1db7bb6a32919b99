package dev.asyncdsl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every input of {@link Gather#any} failed. The failures are kept in input order, both in {@link
 * #failures()} and as suppressed exceptions, so a stack trace shows them all.
 */
public final class AllFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<Throwable> failures;

  /**
   * Holds the failures of every input.
   *
   * @param failures the failure of each input, in input order; empty when there were no inputs
   */
  public AllFailedException(List<? extends Throwable> failures) {
    super(
        failures.isEmpty() ? "there were no inputs" : "all " + failures.size() + " inputs failed");
    this.failures = Collections.unmodifiableList(new ArrayList<>(failures));
    for (Throwable failure : this.failures) {
      addSuppressed(failure);
    }
  }

  /**
   * The failure of each input, in input order.
   *
   * @return an unmodifiable list of the failures, empty when there were no inputs
   */
  public List<Throwable> failures() {
    return failures;
  }
}
