package dev.asyncdsl.internal.config;

import dev.asyncdsl.internal.config.Sources.Found;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The processor's rules for policy values, applied to configured ones, with the processor's tags
 * and wording ({@code dev.asyncdsl.processor.diagnostic.Message}); a test of the processor proves
 * that both give the same tag for the same values. A rule is reported on the configured member it
 * involves (the first, when it involves two): the annotations' own values passed the processor.
 */
final class Rules {
  private Rules() {}

  static void check(
      Map<Member, Object> values,
      Map<Member, Found> found,
      Set<Policy> enabled,
      List<Problem> out) {
    if (enabled.contains(Policy.TIMEOUT)) {
      long value = (Long) values.get(Member.TIMEOUT_VALUE);
      TimeUnit unit = (TimeUnit) values.get(Member.TIMEOUT_UNIT);
      if (value <= 0) {
        add(
            out,
            found,
            "TIMEOUT_NOT_POSITIVE",
            "@Timeout must be positive, but is "
                + value
                + "; give the longest time the call may take, e.g. @Timeout(5)",
            Member.TIMEOUT_VALUE,
            Member.TIMEOUT_UNIT);
      } else if (unit.toNanos(value) == Long.MAX_VALUE) {
        add(
            out,
            found,
            "TIMEOUT_TOO_LONG",
            "@Timeout(value = "
                + value
                + ", unit = "
                + unit
                + ") is longer than the 292 years a deadline can count in nanoseconds;"
                + " use a shorter timeout, or none",
            Member.TIMEOUT_VALUE,
            Member.TIMEOUT_UNIT);
      }
    }
    if (enabled.contains(Policy.RETRY)) {
      retry(values, found, out);
    }
    if (enabled.contains(Policy.CIRCUIT_BREAKER)) {
      atLeastOne(
          values,
          found,
          out,
          Member.CIRCUIT_REQUEST_VOLUME_THRESHOLD,
          "it is how many of the latest calls the circuit weighs");
      atLeastOne(
          values,
          found,
          out,
          Member.CIRCUIT_SUCCESS_THRESHOLD,
          "it is how many trial calls must succeed to close the circuit");
      double ratio = (Double) values.get(Member.CIRCUIT_FAILURE_RATIO);
      if (!(ratio >= 0 && ratio <= 1)) {
        add(
            out,
            found,
            "CIRCUIT_RATIO_OUT_OF_RANGE",
            "@CircuitBreaker(failureRatio = "
                + ratio
                + ") must be between 0 and 1, the share of"
                + " failures that opens the circuit, e.g. 0.5 for half of the calls",
            Member.CIRCUIT_FAILURE_RATIO);
      }
      notNegative(values, found, out, Member.CIRCUIT_DELAY);
      inBoth(values, found, out, Member.CIRCUIT_FAIL_ON, Member.CIRCUIT_SKIP_ON);
    }
    if (enabled.contains(Policy.BULKHEAD)) {
      atLeastOne(values, found, out, Member.BULKHEAD_VALUE, "it is how many calls may run at once");
      notNegative(values, found, out, Member.BULKHEAD_WAITING_TASK_QUEUE);
    }
    if (enabled.contains(Policy.FALLBACK)) {
      inBoth(values, found, out, Member.FALLBACK_APPLY_ON, Member.FALLBACK_SKIP_ON);
    }
  }

  private static void retry(
      Map<Member, Object> values, Map<Member, Found> found, List<Problem> out) {
    int maxRetries = (Integer) values.get(Member.RETRY_MAX_RETRIES);
    if (maxRetries < -1) {
      add(
          out,
          found,
          "RETRY_MAX_RETRIES_BELOW_MINUS_ONE",
          "@Retry(maxRetries = "
              + maxRetries
              + ") is not a number of retries; give 0 or more, or"
              + " -1 to retry until maxDuration has passed",
          Member.RETRY_MAX_RETRIES);
    }
    long delay = notNegative(values, found, out, Member.RETRY_DELAY);
    long maxDuration = notNegative(values, found, out, Member.RETRY_MAX_DURATION);
    notNegative(values, found, out, Member.RETRY_JITTER);
    long maxDelay = notNegative(values, found, out, Member.RETRY_MAX_DELAY);
    if (delay >= 0 && maxDuration > 0 && maxDuration <= delay) {
      add(
          out,
          found,
          "RETRY_DURATION_NOT_LONGER_THAN_DELAY",
          "@Retry(maxDuration = "
              + amount(values, Member.RETRY_MAX_DURATION)
              + ") is not longer than its delay of "
              + amount(values, Member.RETRY_DELAY)
              + ", so no retry could ever start; make maxDuration longer than delay, or 0 for no"
              + " limit",
          Member.RETRY_MAX_DURATION,
          Member.RETRY_DURATION_UNIT,
          Member.RETRY_DELAY,
          Member.RETRY_DELAY_UNIT);
    }
    double multiplier = (Double) values.get(Member.RETRY_DELAY_MULTIPLIER);
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      add(
          out,
          found,
          "RETRY_MULTIPLIER_BELOW_ONE",
          "@Retry(delayMultiplier = "
              + multiplier
              + ") must be a number of at least 1: 1 keeps"
              + " the delay constant, 2 doubles it for each retry",
          Member.RETRY_DELAY_MULTIPLIER);
    } else if (maxDelay > 0 && delay > 0 && maxDelay < delay && multiplier != 1.0) {
      add(
          out,
          found,
          "RETRY_MAX_DELAY_BELOW_DELAY",
          "@Retry(maxDelay = "
              + amount(values, Member.RETRY_MAX_DELAY)
              + ") is shorter than its delay of "
              + amount(values, Member.RETRY_DELAY)
              + ", so it would shorten the very first delay; make maxDelay at least delay, or 0"
              + " for no cap",
          Member.RETRY_MAX_DELAY,
          Member.RETRY_MAX_DELAY_UNIT,
          Member.RETRY_DELAY,
          Member.RETRY_DELAY_UNIT);
    }
    inBoth(values, found, out, Member.RETRY_RETRY_ON, Member.RETRY_ABORT_ON);
  }

  private static void atLeastOne(
      Map<Member, Object> values,
      Map<Member, Found> found,
      List<Problem> out,
      Member member,
      String why) {
    int value = (Integer) values.get(member);
    if (value < 1) {
      add(
          out,
          found,
          "POLICY_VALUE_BELOW_ONE",
          "@"
              + member.policy().annotation()
              + "("
              + member.names().get(0)
              + " = "
              + value
              + ") must be at least 1; "
              + why,
          member);
    }
  }

  /** The length in nanoseconds (or the count), -1 when negative. */
  private static long notNegative(
      Map<Member, Object> values, Map<Member, Found> found, List<Problem> out, Member member) {
    long value = ((Number) values.get(member)).longValue();
    if (value < 0) {
      add(
          out,
          found,
          "POLICY_VALUE_NEGATIVE",
          "@"
              + member.policy().annotation()
              + "("
              + member.names().get(0)
              + " = "
              + value
              + ") must not be negative; give 0 or more",
          member);
      return -1;
    }
    Member unit = unitOf(member);
    // Compared as the policies keep them: at most the longest length they hold, so two lengths
    // the policies would hold as equal are equal here too.
    return unit == null
        ? value
        : Math.min(((TimeUnit) values.get(unit)).toNanos(value), LONGEST_NANOS);
  }

  /** The longest delay a policy keeps, as {@code Policies.LONGEST_NANOS} (about 36 years). */
  private static final long LONGEST_NANOS = Long.MAX_VALUE >> 2;

  private static void inBoth(
      Map<Member, Object> values,
      Map<Member, Found> found,
      List<Problem> out,
      Member matching,
      Member excluded) {
    if (!found.containsKey(matching) && !found.containsKey(excluded)) {
      return;
    }
    Object on = values.get(matching);
    Object off = values.get(excluded);
    if (!(on instanceof List<?> onNames) || !(off instanceof List<?> offNames)) {
      return;
    }
    for (Object name : onNames) {
      if (offNames.contains(name)) {
        add(
            out,
            found,
            "POLICY_CLASS_IN_BOTH",
            "@"
                + matching.policy().annotation()
                + " names "
                + name
                + " in both "
                + matching.names().get(0)
                + " and "
                + excluded.names().get(0)
                + ", which contradict each other; remove it from one of them",
            matching,
            excluded);
      }
    }
  }

  private static Member unitOf(Member member) {
    switch (member) {
      case RETRY_DELAY:
        return Member.RETRY_DELAY_UNIT;
      case RETRY_MAX_DURATION:
        return Member.RETRY_DURATION_UNIT;
      case RETRY_JITTER:
        return Member.RETRY_JITTER_UNIT;
      case RETRY_MAX_DELAY:
        return Member.RETRY_MAX_DELAY_UNIT;
      case CIRCUIT_DELAY:
        return Member.CIRCUIT_DELAY_UNIT;
      case TIMEOUT_VALUE:
        return Member.TIMEOUT_UNIT;
      default:
        return null;
    }
  }

  private static String amount(Map<Member, Object> values, Member length) {
    return Overrides.amount((Long) values.get(length), (TimeUnit) values.get(unitOf(length)));
  }

  /** Reports on the first of {@code involved} that was configured; none was: the annotation's. */
  private static void add(
      List<Problem> out, Map<Member, Found> found, String tag, String message, Member... involved) {
    for (Member member : involved) {
      Found value = found.get(member);
      if (value != null) {
        out.add(new Problem(tag, value.key(), value.value(), value.where(), message));
        return;
      }
    }
  }
}
