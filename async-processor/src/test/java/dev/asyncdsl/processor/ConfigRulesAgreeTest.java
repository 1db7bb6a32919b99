package dev.asyncdsl.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.asyncdsl.AsyncMethod;
import dev.asyncdsl.FaultTolerance;
import dev.asyncdsl.PolicyConfig;
import dev.asyncdsl.PolicyConfigException;
import dev.asyncdsl.processor.diagnostic.Message;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules the processor applies to a policy annotation and those the runtime applies to the same
 * values given by configuration ({@code PolicyConfig}) agree: for every tag they share, the same
 * values written in the annotation and configured over its defaults give that tag in both.
 */
class ConfigRulesAgreeTest {
  private static final AtomicInteger CLASSES = new AtomicInteger();

  /**
   * One shared rule broken.
   *
   * @param tag what both must say
   * @param annotation the annotation that breaks it, on an {@code @Async} method
   * @param policy the annotation's simple name
   * @param keys the same values as configuration keys, {@code <policy>/<member>}
   */
  record Case(Message tag, String annotation, String policy, Map<String, String> keys) {
    @Override
    public String toString() {
      return tag + " " + annotation;
    }
  }

  private static Case of(Message tag, String annotation, String policy, String... keys) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String key : keys) {
      int equals = key.indexOf('=');
      map.put(policy + "/" + key.substring(0, equals), key.substring(equals + 1));
    }
    return new Case(tag, annotation, policy, map);
  }

  static Stream<Case> cases() {
    return Stream.of(
        of(Message.TIMEOUT_NOT_POSITIVE, "@Timeout(0)", "Timeout", "value=0"),
        of(
            Message.TIMEOUT_TOO_LONG,
            "@Timeout(value = Long.MAX_VALUE, unit = TimeUnit.DAYS)",
            "Timeout",
            "value=" + Long.MAX_VALUE,
            "unit=DAYS"),
        of(
            Message.RETRY_MAX_RETRIES_BELOW_MINUS_ONE,
            "@Retry(maxRetries = -2)",
            "Retry",
            "maxRetries=-2"),
        of(
            Message.RETRY_DURATION_NOT_LONGER_THAN_DELAY,
            "@Retry(delay = 1, delayUnit = TimeUnit.SECONDS, maxDuration = 500)",
            "Retry",
            "delay=1",
            "delayUnit=SECONDS",
            "maxDuration=500"),
        of(
            Message.RETRY_MULTIPLIER_BELOW_ONE,
            "@Retry(delay = 100, delayMultiplier = 0.5)",
            "Retry",
            "delay=100",
            "delayMultiplier=0.5"),
        of(
            Message.RETRY_MAX_DELAY_BELOW_DELAY,
            "@Retry(delay = 200, delayMultiplier = 2, maxDelay = 100)",
            "Retry",
            "delay=200",
            "delayMultiplier=2",
            "maxDelay=100"),
        of(Message.POLICY_VALUE_NEGATIVE, "@Retry(delay = -1)", "Retry", "delay=-1"),
        of(Message.POLICY_VALUE_NEGATIVE, "@Retry(jitter = -1)", "Retry", "jitter=-1"),
        of(
            Message.POLICY_VALUE_NEGATIVE,
            "@Bulkhead(waitingTaskQueue = -1)",
            "Bulkhead",
            "waitingTaskQueue=-1"),
        of(
            Message.POLICY_VALUE_NEGATIVE,
            "@CircuitBreaker(delay = -1)",
            "CircuitBreaker",
            "delay=-1"),
        of(Message.POLICY_VALUE_BELOW_ONE, "@Bulkhead(0)", "Bulkhead", "value=0"),
        of(
            Message.POLICY_VALUE_BELOW_ONE,
            "@CircuitBreaker(requestVolumeThreshold = 0)",
            "CircuitBreaker",
            "requestVolumeThreshold=0"),
        of(
            Message.POLICY_VALUE_BELOW_ONE,
            "@CircuitBreaker(successThreshold = 0)",
            "CircuitBreaker",
            "successThreshold=0"),
        of(
            Message.CIRCUIT_RATIO_OUT_OF_RANGE,
            "@CircuitBreaker(failureRatio = 1.5)",
            "CircuitBreaker",
            "failureRatio=1.5"),
        of(
            Message.POLICY_CLASS_IN_BOTH,
            "@Retry(retryOn = java.io.IOException.class, abortOn = java.io.IOException.class)",
            "Retry",
            "retryOn=java.io.IOException",
            "abortOn=java.io.IOException"),
        of(
            Message.POLICY_CLASS_IN_BOTH,
            "@CircuitBreaker(failOn = java.io.IOException.class,"
                + " skipOn = java.io.IOException.class)",
            "CircuitBreaker",
            "failOn=java.io.IOException",
            "skipOn=java.io.IOException"),
        of(
            Message.POLICY_CLASS_IN_BOTH,
            "@Fallback(method = \"fallback\", applyOn = java.io.IOException.class,"
                + " skipOn = java.io.IOException.class)",
            "Fallback",
            "applyOn=java.io.IOException",
            "skipOn=java.io.IOException"));
  }

  @AfterEach
  void uninstall() {
    PolicyConfig.uninstall();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theProcessorAndTheRuntimeGiveTheSameTag(Case broken) {
    assertEquals(List.of(broken.tag().name()), processorTags(broken), "the processor");
    assertEquals(List.of(broken.tag().name()), runtimeTags(broken), "the runtime");
  }

  /** The tags of the errors javac reports on the annotation. */
  private static List<String> processorTags(Case broken) {
    JavaFileObject source =
        JavaFileObjects.forSourceLines(
            "p.Foo",
            "package p;",
            "import dev.asyncdsl.*;",
            "import java.util.concurrent.TimeUnit;",
            "public class Foo {",
            "  @Async",
            "  " + broken.annotation(),
            "  public String load() {",
            "    return \"\";",
            "  }",
            "  String fallback() {",
            "    return \"\";",
            "  }",
            "}");
    Compilation compilation = Compilers.strict().compile(source);
    assertThat(compilation).failed();
    return compilation.errors().stream()
        .map(error -> error.getMessage(null))
        .map(message -> message.replaceAll("(?s).*\\[asyncdsl:([A-Z_]+)\\].*", "$1"))
        .toList();
  }

  /**
   * The tags of the problems the runtime finds when the keys set the same values, at the level of a
   * method of a twin that carries the policy at its annotation's defaults.
   */
  private static List<String> runtimeTags(Case broken) {
    String className = "p.Rules" + CLASSES.incrementAndGet();
    Map<String, String> source = new LinkedHashMap<>();
    broken.keys().forEach((key, value) -> source.put(className + "/load/" + key, value));
    PolicyConfig.install(source::get, source::keySet);
    PolicyConfig.Twin twin = PolicyConfig.twin(className).method("load", broken.policy());
    FaultTolerance.Builder builder =
        FaultTolerance.of(AsyncMethod.of(className, "load", "Rules.load()"));
    switch (broken.policy()) {
      case "Timeout" -> builder.timeout(1, TimeUnit.SECONDS);
      case "Retry" -> builder.retry(3);
      case "CircuitBreaker" -> builder.circuitBreaker(20, 0.5, 5000, TimeUnit.MILLISECONDS, 1);
      case "Bulkhead" -> builder.bulkhead(10, 10);
      case "Fallback" -> builder.fallbackOn(failure -> true);
      default -> throw new AssertionError(broken.policy());
    }
    builder.build(twin);
    twin.complete();
    PolicyConfigException bad = assertThrows(PolicyConfigException.class, twin::check);
    return bad.problems().stream().map(PolicyConfigException.Problem::tag).toList();
  }
}
