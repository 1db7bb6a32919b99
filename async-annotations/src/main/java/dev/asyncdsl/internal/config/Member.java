package dev.asyncdsl.internal.config;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A member of a policy annotation that configuration may override, with its spellings: the first of
 * {@link #names()} is MicroProfile's (or ours, where MicroProfile has none), the rest are ours
 * where they differ; {@link #kebabNames()} are SmallRye's. {@code enabled} is a member of every
 * policy, though no annotation declares it.
 */
public enum Member {
  /** {@code @Timeout(value)}. */
  TIMEOUT_VALUE(Policy.TIMEOUT, Kind.LONG, List.of("value"), List.of("value")),
  /** {@code @Timeout(unit)}. */
  TIMEOUT_UNIT(Policy.TIMEOUT, Kind.UNIT, List.of("unit"), List.of("unit")),
  /** {@code @Timeout} switched on or off. */
  TIMEOUT_ENABLED(Policy.TIMEOUT, Kind.BOOLEAN, List.of("enabled"), List.of("enabled")),
  /** {@code @Retry(maxRetries)}. */
  RETRY_MAX_RETRIES(Policy.RETRY, Kind.INT, List.of("maxRetries"), List.of("max-retries")),
  /** {@code @Retry(delay)}. */
  RETRY_DELAY(Policy.RETRY, Kind.LONG, List.of("delay"), List.of("delay")),
  /** {@code @Retry(delayUnit)}. */
  RETRY_DELAY_UNIT(Policy.RETRY, Kind.UNIT, List.of("delayUnit"), List.of("delay-unit")),
  /** {@code @Retry(maxDuration)}. */
  RETRY_MAX_DURATION(Policy.RETRY, Kind.LONG, List.of("maxDuration"), List.of("max-duration")),
  /** {@code @Retry(durationUnit)}. */
  RETRY_DURATION_UNIT(
      Policy.RETRY,
      Kind.UNIT,
      List.of("durationUnit"),
      List.of("max-duration-unit", "duration-unit")),
  /** {@code @Retry(jitter)}. */
  RETRY_JITTER(Policy.RETRY, Kind.LONG, List.of("jitter"), List.of("jitter")),
  /** {@code @Retry(jitterUnit)}, MicroProfile's {@code jitterDelayUnit}. */
  RETRY_JITTER_UNIT(
      Policy.RETRY,
      Kind.UNIT,
      List.of("jitterDelayUnit", "jitterUnit"),
      List.of("jitter-unit", "jitter-delay-unit")),
  /** {@code @Retry(delayMultiplier)}, ours. */
  RETRY_DELAY_MULTIPLIER(
      Policy.RETRY, Kind.DOUBLE, List.of("delayMultiplier"), List.of("delay-multiplier")),
  /** {@code @Retry(maxDelay)}, ours. */
  RETRY_MAX_DELAY(Policy.RETRY, Kind.LONG, List.of("maxDelay"), List.of("max-delay")),
  /** {@code @Retry(maxDelayUnit)}, ours. */
  RETRY_MAX_DELAY_UNIT(Policy.RETRY, Kind.UNIT, List.of("maxDelayUnit"), List.of("max-delay-unit")),
  /** {@code @Retry(retryOn)}. */
  RETRY_RETRY_ON(Policy.RETRY, Kind.CLASSES, List.of("retryOn"), List.of("retry-on")),
  /** {@code @Retry(abortOn)}. */
  RETRY_ABORT_ON(Policy.RETRY, Kind.CLASSES, List.of("abortOn"), List.of("abort-on")),
  /** {@code @Retry} switched on or off. */
  RETRY_ENABLED(Policy.RETRY, Kind.BOOLEAN, List.of("enabled"), List.of("enabled")),
  /** {@code @CircuitBreaker(requestVolumeThreshold)}. */
  CIRCUIT_REQUEST_VOLUME_THRESHOLD(
      Policy.CIRCUIT_BREAKER,
      Kind.INT,
      List.of("requestVolumeThreshold"),
      List.of("request-volume-threshold")),
  /** {@code @CircuitBreaker(failureRatio)}. */
  CIRCUIT_FAILURE_RATIO(
      Policy.CIRCUIT_BREAKER, Kind.DOUBLE, List.of("failureRatio"), List.of("failure-ratio")),
  /** {@code @CircuitBreaker(delay)}. */
  CIRCUIT_DELAY(Policy.CIRCUIT_BREAKER, Kind.LONG, List.of("delay"), List.of("delay")),
  /** {@code @CircuitBreaker(delayUnit)}. */
  CIRCUIT_DELAY_UNIT(
      Policy.CIRCUIT_BREAKER, Kind.UNIT, List.of("delayUnit"), List.of("delay-unit")),
  /** {@code @CircuitBreaker(successThreshold)}. */
  CIRCUIT_SUCCESS_THRESHOLD(
      Policy.CIRCUIT_BREAKER, Kind.INT, List.of("successThreshold"), List.of("success-threshold")),
  /** {@code @CircuitBreaker(failOn)}. */
  CIRCUIT_FAIL_ON(Policy.CIRCUIT_BREAKER, Kind.CLASSES, List.of("failOn"), List.of("fail-on")),
  /** {@code @CircuitBreaker(skipOn)}. */
  CIRCUIT_SKIP_ON(Policy.CIRCUIT_BREAKER, Kind.CLASSES, List.of("skipOn"), List.of("skip-on")),
  /** {@code @CircuitBreaker} switched on or off. */
  CIRCUIT_ENABLED(Policy.CIRCUIT_BREAKER, Kind.BOOLEAN, List.of("enabled"), List.of("enabled")),
  /** {@code @Bulkhead(value)}. */
  BULKHEAD_VALUE(Policy.BULKHEAD, Kind.INT, List.of("value"), List.of("value")),
  /** {@code @Bulkhead(waitingTaskQueue)}. */
  BULKHEAD_WAITING_TASK_QUEUE(
      Policy.BULKHEAD, Kind.INT, List.of("waitingTaskQueue"), List.of("waiting-task-queue")),
  /** {@code @Bulkhead} switched on or off. */
  BULKHEAD_ENABLED(Policy.BULKHEAD, Kind.BOOLEAN, List.of("enabled"), List.of("enabled")),
  /** {@code @Fallback(applyOn)}. */
  FALLBACK_APPLY_ON(Policy.FALLBACK, Kind.CLASSES, List.of("applyOn"), List.of("apply-on")),
  /** {@code @Fallback(skipOn)}. */
  FALLBACK_SKIP_ON(Policy.FALLBACK, Kind.CLASSES, List.of("skipOn"), List.of("skip-on")),
  /** {@code @Fallback} switched on or off. */
  FALLBACK_ENABLED(Policy.FALLBACK, Kind.BOOLEAN, List.of("enabled"), List.of("enabled"));

  /** What a member's value is. */
  public enum Kind {
    /** An {@code int}. */
    INT,
    /** A {@code long}. */
    LONG,
    /** A {@code double}. */
    DOUBLE,
    /** A {@link TimeUnit}, by its name or {@link ChronoUnit}'s. */
    UNIT,
    /** Binary class names, separated by commas. */
    CLASSES,
    /** {@code true} or {@code false}. */
    BOOLEAN
  }

  private final Policy policy;
  private final Kind kind;
  private final List<String> names;
  private final List<String> kebabNames;

  Member(Policy policy, Kind kind, List<String> names, List<String> kebabNames) {
    this.policy = policy;
    this.kind = kind;
    this.names = names;
    this.kebabNames = kebabNames;
  }

  /**
   * The policy whose member it is.
   *
   * @return the policy
   */
  public Policy policy() {
    return policy;
  }

  /**
   * What its value is.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * Its names in MicroProfile's keys, MicroProfile's spelling first.
   *
   * @return one name or more
   */
  public List<String> names() {
    return names;
  }

  /**
   * Its names in SmallRye's keys.
   *
   * @return one name or more
   */
  public List<String> kebabNames() {
    return kebabNames;
  }

  /**
   * The member of {@code policy} named {@code name} in MicroProfile's keys.
   *
   * @param policy the policy
   * @param name e.g. {@code maxRetries}
   * @return the member, or null
   */
  public static Member named(Policy policy, String name) {
    for (Member member : values()) {
      if (member.policy == policy && member.names.contains(name)) {
        return member;
      }
    }
    return null;
  }

  /**
   * The member of {@code policy} named {@code name} in SmallRye's keys.
   *
   * @param policy the policy
   * @param name e.g. {@code max-retries}
   * @return the member, or null
   */
  public static Member kebabNamed(Policy policy, String name) {
    for (Member member : values()) {
      if (member.policy == policy && member.kebabNames.contains(name)) {
        return member;
      }
    }
    return null;
  }

  /**
   * The members of {@code policy}.
   *
   * @param policy the policy
   * @return its members, in declaration order
   */
  public static List<Member> of(Policy policy) {
    List<Member> members = new ArrayList<>();
    for (Member member : values()) {
      if (member.policy == policy) {
        members.add(member);
      }
    }
    return members;
  }

  /**
   * The {@code enabled} member of {@code policy}.
   *
   * @param policy the policy
   * @return its switch
   */
  public static Member enabled(Policy policy) {
    for (Member member : values()) {
      if (member.policy == policy && member.kind == Kind.BOOLEAN) {
        return member;
      }
    }
    throw new AssertionError(policy);
  }

  /**
   * Reads {@code text} as a value of this member.
   *
   * @param text what a source gave
   * @return an Integer, Long, Double, TimeUnit, Boolean or {@code List<String>}
   * @throws IllegalArgumentException with what was expected, when it is not one
   */
  public Object parse(String text) {
    String value = text.trim();
    try {
      switch (kind) {
        case INT:
          return Integer.valueOf(value);
        case LONG:
          return Long.valueOf(value);
        case DOUBLE:
          double number = Double.parseDouble(value);
          if (Double.isNaN(number)) {
            throw new NumberFormatException();
          }
          return number;
        case UNIT:
          return unit(value);
        case BOOLEAN:
          if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.valueOf(value);
          }
          throw new IllegalArgumentException("true or false");
        default:
          return classNames(value);
      }
    } catch (NumberFormatException notNumber) {
      throw new IllegalArgumentException(
          kind == Kind.INT ? "a whole number" : kind == Kind.LONG ? "a whole number" : "a number",
          notNumber);
    }
  }

  /** What {@link #parse} accepts, for messages. */
  String expected() {
    switch (kind) {
      case INT:
      case LONG:
        return "a whole number";
      case DOUBLE:
        return "a number";
      case UNIT:
        return "a time unit such as MILLISECONDS or MILLIS, SECONDS, MINUTES";
      case BOOLEAN:
        return "true or false";
      default:
        return "binary class names separated by commas, e.g. java.io.IOException";
    }
  }

  private static TimeUnit unit(String value) {
    String upper = value.toUpperCase(Locale.ROOT);
    for (TimeUnit unit : TimeUnit.values()) {
      if (unit.name().equals(upper)) {
        return unit;
      }
    }
    for (TimeUnit unit : TimeUnit.values()) {
      if (unit.toChronoUnit().name().equals(upper)) {
        return unit;
      }
    }
    throw new IllegalArgumentException("a time unit");
  }

  private static List<String> classNames(String value) {
    List<String> names = new ArrayList<>();
    if (value.isEmpty()) {
      return names;
    }
    for (String part : value.split(",", -1)) {
      String name = part.trim();
      if (!isBinaryName(name)) {
        throw new IllegalArgumentException("class names");
      }
      names.add(name);
    }
    return names;
  }

  private static boolean isBinaryName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (String part : name.split("\\.", -1)) {
      if (part.isEmpty() || !Character.isJavaIdentifierStart(part.charAt(0))) {
        return false;
      }
      for (int i = 1; i < part.length(); i++) {
        if (!Character.isJavaIdentifierPart(part.charAt(i))) {
          return false;
        }
      }
    }
    return true;
  }
}
