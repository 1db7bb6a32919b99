package dev.asyncdsl.processor.model;

import com.palantir.javapoet.TypeName;
import java.util.List;
import java.util.Optional;

/**
 * The fault-tolerance policies of one method, as its twin's {@code FaultTolerance} constant will
 * build them. Values equal to the annotations' defaults are left empty: the runtime's builder has
 * the same defaults, and the constant then reads as what the user wrote.
 *
 * @param constant the name of the twin's constant, e.g. {@code FETCH_POLICY}, which also holds the
 *     method's {@code AsyncMethod}
 * @param timeout the {@code @Timeout} of each attempt, if any
 * @param retry the {@code @Retry}, if any
 * @param circuitBreaker the {@code @CircuitBreaker}, if any
 * @param bulkhead the {@code @Bulkhead}, if any
 * @param fallback the {@code @Fallback}, if any
 * @param state the name of the twin's accessor for the policies (and, for an instance method, of
 *     the field holding the twin's copy), present when they keep state: a circuit or a bulkhead
 * @param suppressedWarnings the lint categories the constant trips however it is written: naming a
 *     deprecated failure class the user named
 */
public record PolicySpec(
    String constant,
    Optional<Amount> timeout,
    Optional<RetrySpec> retry,
    Optional<CircuitSpec> circuitBreaker,
    Optional<BulkheadSpec> bulkhead,
    Optional<FallbackSpec> fallback,
    Optional<String> state,
    List<String> suppressedWarnings) {

  public PolicySpec {
    suppressedWarnings = List.copyOf(suppressedWarnings);
  }

  /**
   * A duration as written.
   *
   * @param value the amount
   * @param unit the name of the {@code TimeUnit} constant
   */
  public record Amount(long value, String unit) {}

  /**
   * Which failures a policy acts on: instances of a class in {@code matching} (or of any, when it
   * is empty: {@code Throwable} was named) and of none in {@code excluded}; and the two members as
   * written, by binary name, for configuration that overrides only one of them.
   *
   * @param matching the classes that match
   * @param excluded the classes that win over them
   * @param matchingNames the binary names the matching member ({@code retryOn}, {@code failOn},
   *     {@code applyOn}) lists, in the order written, unless it is left at its default
   * @param excludedNames the binary names the excluding member ({@code abortOn}, {@code skipOn})
   *     lists, in the order written; empty at its default
   */
  public record FailureTest(
      List<TypeName> matching,
      List<TypeName> excluded,
      Optional<List<String>> matchingNames,
      List<String> excludedNames) {
    public FailureTest {
      matching = List.copyOf(matching);
      excluded = List.copyOf(excluded);
      matchingNames = matchingNames.map(List::copyOf);
      excludedNames = List.copyOf(excludedNames);
    }
  }

  /**
   * A {@code @Retry}.
   *
   * @param maxRetries the most retries, -1 for no limit
   * @param delay the delay before each retry, unless 0
   * @param maxDuration how long retries may start, unless the default
   * @param jitter the jitter, unless 0
   * @param backoff the delay multiplier and cap, unless the delay is constant
   * @param retryOn which failures are retried, unless every {@code Exception}
   */
  public record RetrySpec(
      int maxRetries,
      Optional<Amount> delay,
      Optional<Amount> maxDuration,
      Optional<Amount> jitter,
      Optional<Backoff> backoff,
      Optional<FailureTest> retryOn) {}

  /**
   * Exponential backoff.
   *
   * @param multiplier how much each delay grows
   * @param maxDelay the longest delay, value 0 for none
   */
  public record Backoff(double multiplier, Amount maxDelay) {}

  /**
   * A {@code @CircuitBreaker}, every value written out.
   *
   * @param requestVolumeThreshold the rolling window
   * @param failureRatio the share of failures that opens it
   * @param delay how long it stays open
   * @param successThreshold the trial successes that close it
   * @param failsOn which failures count, unless all
   */
  public record CircuitSpec(
      int requestVolumeThreshold,
      double failureRatio,
      Amount delay,
      int successThreshold,
      Optional<FailureTest> failsOn) {}

  /**
   * A {@code @Bulkhead}.
   *
   * @param value how many calls run at once
   * @param waitingTaskQueue how many wait
   */
  public record BulkheadSpec(int value, int waitingTaskQueue) {}

  /**
   * A {@code @Fallback} and the method it names.
   *
   * @param name the fallback method's name
   * @param isStatic whether it is static (called on the user's class, not the target)
   * @param failureType the type of its failure parameter, if it takes one
   * @param castFailure whether the failure is cast to that type (it is narrower than {@code
   *     Throwable}; validation made sure every failure it gets is one)
   * @param linkParameterTypes its erased parameter types, for a Javadoc link
   * @param applyOn which failures it answers, unless all
   */
  public record FallbackSpec(
      String name,
      boolean isStatic,
      Optional<TypeName> failureType,
      boolean castFailure,
      List<TypeName> linkParameterTypes,
      Optional<FailureTest> applyOn) {
    public FallbackSpec {
      linkParameterTypes = List.copyOf(linkParameterTypes);
    }
  }

  /** Whether the policies keep state (a circuit, a bulkhead's slots). */
  public boolean isStateful() {
    return state.isPresent();
  }
}
