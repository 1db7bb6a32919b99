package dev.asyncdsl.it.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncdsl.PolicyConfig;
import dev.asyncdsl.PolicyConfigException;
import dev.asyncdsl.PolicyRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Real twins whose policies configuration overrides: per method, per class and globally, from
 * system properties, the application's source and the environment, in MicroProfile's and SmallRye's
 * spelling; switched off; and wrong, reported by the twin's constructor and calls and by {@link
 * PolicyConfig#check}. Each scenario has a class of its own: a twin reads its configuration once,
 * as its class initialises, which the test's first use of the twin does.
 */
@org.junit.jupiter.api.Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConfiguredTwinTest {
  private static final String P = "dev.asyncdsl.it.config.";

  private final AtomicInteger reads = new AtomicInteger();
  private final Source failing =
      () -> {
        reads.incrementAndGet();
        throw new IOException("down");
      };
  private final List<String> properties = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    PolicyConfig.uninstall();
    properties.forEach(System::clearProperty);
  }

  private void property(String key, String value) {
    properties.add(key);
    System.setProperty(key, value);
  }

  private static Throwable failure(CompletableFuture<?> call) {
    return assertThrows(ExecutionException.class, () -> call.get(30, TimeUnit.SECONDS)).getCause();
  }

  private static List<String> tags(PolicyConfigException bad) {
    return bad.problems().stream().map(PolicyConfigException.Problem::tag).toList();
  }

  private static PolicyConfig.EffectiveValue effective(String method, String member) {
    return PolicyRegistry.policies(method).get(0).effectiveValues().stream()
        .filter(value -> value.member().equals(member))
        .findFirst()
        .orElseThrow();
  }

  /** Five reads (the first and 4 retries), and a timeout after 50 ms that says so. */
  private void assertRetriedFourTimesAndTimedOutAfter50Ms(
      CompletableFuture<String> read, CompletableFuture<String> slow) {
    assertInstanceOf(IOException.class, failure(read));
    assertEquals(5, reads.get(), "the first read and 4 retries");
    Throwable late = failure(slow);
    assertTrue(late.getMessage().contains("within 50 ms"), late.getMessage());
  }

  @Test
  void methodKeysInSystemPropertiesOverrideTheRetryCountAndTheTimeout() {
    property(P + "ByMethod/read/Retry/maxRetries", "4");
    property(P + "ByMethod/slow/Timeout/value", "50");
    property(P + "ByMethod/slow/Timeout/unit", "MILLIS");
    ByMethodAsync twin = new ByMethodAsync(new ByMethod(failing));
    assertRetriedFourTimesAndTimedOutAfter50Ms(twin.read(), twin.slow());
    assertEquals(
        new PolicyConfig.EffectiveValue(
            "Retry",
            "maxRetries",
            "4",
            PolicyConfig.Origin.SYSTEM_PROPERTY,
            P + "ByMethod/read/Retry/maxRetries"),
        effective("ByMethod.read()", "maxRetries"));
  }

  @Test
  void aConfiguredAbortOnLeavesTheAnnotationsRetryOnInForce() {
    property(P + "AbortOn/read/Retry/abortOn", "java.io.FileNotFoundException");
    List<Exception> thrown =
        List.of(
            new IOException("retried"),
            new java.io.FileNotFoundException("aborted"),
            new IllegalStateException("not an IOException"));
    List<Integer> attempts = new ArrayList<>();
    for (Exception failure : thrown) {
      AtomicInteger count = new AtomicInteger();
      AbortOnAsync twin =
          new AbortOnAsync(
              new AbortOn(
                  () -> {
                    count.incrementAndGet();
                    if (failure instanceof IOException io) {
                      throw io;
                    }
                    throw (RuntimeException) failure;
                  }));
      assertSame(failure, failure(twin.read()));
      attempts.add(count.get());
    }
    // The IOException is retried twice; abortOn stops the FileNotFoundException; the annotation's
    // retryOn (not its default, every Exception) leaves the IllegalStateException unretried.
    assertEquals(List.of(3, 1, 1), attempts);
    assertEquals(PolicyConfig.Origin.ANNOTATION, effective("AbortOn.read()", "retryOn").origin());
    assertEquals(
        PolicyConfig.Origin.SYSTEM_PROPERTY, effective("AbortOn.read()", "abortOn").origin());
  }

  @Test
  void classKeysInTheApplicationsSourceOverrideTheRetryCountAndTheTimeout() {
    Map<String, String> app =
        Map.of(
            P + "ByClass/Retry/maxRetries", "4",
            P + "ByClass/Timeout/value", "50",
            P + "ByClass/Timeout/unit", "MILLISECONDS");
    PolicyConfig.install(app::get, app::keySet);
    ByClassAsync twin = new ByClassAsync(new ByClass(failing));
    assertRetriedFourTimesAndTimedOutAfter50Ms(twin.read(), twin.slow());
    assertEquals(
        PolicyConfig.Origin.APPLICATION, effective("ByClass.read()", "maxRetries").origin());
  }

  @Test
  void globalKeysInTheApplicationsSourceOverrideTheRetryCountAndTheTimeout() {
    Map<String, String> app =
        Map.of("Retry/maxRetries", "4", "Timeout/value", "50", "Timeout/unit", "MILLIS");
    PolicyConfig.install(app::get, app::keySet);
    GlobalAsync twin = new GlobalAsync(new Global(failing));
    PolicyConfig.uninstall(); // values are read once: the twin keeps them
    assertRetriedFourTimesAndTimedOutAfter50Ms(twin.read(), twin.slow());
  }

  @Test
  void smallRyesSpellingOverridesTheRetryCountAndTheTimeout() {
    property("smallrye.faulttolerance.\"" + P + "BySmallRye/read\".retry.max-retries", "4");
    property("smallrye.faulttolerance.\"" + P + "BySmallRye\".timeout.value", "50");
    property("smallrye.faulttolerance.\"" + P + "BySmallRye\".timeout.unit", "millis");
    BySmallRyeAsync twin = new BySmallRyeAsync(new BySmallRye(failing));
    assertRetriedFourTimesAndTimedOutAfter50Ms(twin.read(), twin.slow());
  }

  @Test
  void aCircuitBreakerSwitchedOffNeverOpens() {
    property(P + "Switched/read/CircuitBreaker/enabled", "false");
    SwitchedAsync twin = new SwitchedAsync(new Switched(failing));
    for (int call = 0; call < 6; call++) {
      assertInstanceOf(IOException.class, failure(twin.read()));
    }
    assertEquals(6, reads.get(), "every call reached the source");
  }

  @Test
  void microProfilesSwitchLeavesOnlyTheFallback() throws Exception {
    Map<String, String> app = Map.of("MP_Fault_Tolerance_NonFallback_Enabled", "false");
    PolicyConfig.install(app::get, app::keySet);
    NonFallbackAsync twin = new NonFallbackAsync(new NonFallback(failing));
    PolicyConfig.uninstall();
    assertEquals("cached", twin.read().get(30, TimeUnit.SECONDS));
    assertEquals(1, reads.get(), "no retry");
  }

  @Test
  void aBadValueFailsTheConstructorAndEveryStaticCallWithItsTag() {
    property(P + "BadValue/read/Retry/maxRetries", "-2");
    PolicyConfigException bad =
        assertThrows(PolicyConfigException.class, () -> new BadValueAsync(new BadValue(failing)));
    assertEquals(List.of("RETRY_MAX_RETRIES_BELOW_MINUS_ONE"), tags(bad));
    assertSame(bad, failure(BadValueAsync.version()), "a static method without policies");
    assertSame(bad, failure(BadValueAsync.build()), "a static method with policies");
    assertSame(
        bad,
        assertThrows(PolicyConfigException.class, () -> new BadValueAsync(new BadValue(failing))),
        "the class initialised once, the same exception each time");
  }

  @Test
  void keysNamingNothingAreReportedTogetherWithTheNearestValidKey() {
    property(P + "BadKeys/raed/Retry/maxRetries", "2");
    property(P + "BadKeys/read/Retry/maxRetires", "2");
    property(P + "BadKeys/plain/Retry/maxRetries", "2");
    PolicyConfigException bad =
        assertThrows(PolicyConfigException.class, () -> new BadKeysAsync(new BadKeys(failing)));
    assertEquals(
        Set.of("CONFIG_UNKNOWN_METHOD", "CONFIG_UNKNOWN_MEMBER", "CONFIG_POLICY_NOT_CARRIED"),
        Set.copyOf(tags(bad)),
        bad.getMessage());
    assertEquals(3, bad.problems().size(), bad.getMessage());
    for (PolicyConfigException.Problem problem : bad.problems()) {
      if (!problem.tag().equals("CONFIG_POLICY_NOT_CARRIED")) {
        assertTrue(
            problem.message().contains("did you mean " + P + "BadKeys/read/Retry/maxRetries"),
            problem.toString());
      }
    }
  }

  @Test
  void theStartUpCheckFindsABadValueAndPassesOnceItIsGone() {
    property(P + "Checked/read/Retry/maxRetries", "-5");
    PolicyConfigException bad =
        assertThrows(PolicyConfigException.class, () -> PolicyConfig.check(CheckedAsync.class));
    assertEquals(List.of("RETRY_MAX_RETRIES_BELOW_MINUS_ONE"), tags(bad));
    System.clearProperty(P + "Checked/read/Retry/maxRetries");
    assertDoesNotThrow(() -> PolicyConfig.check(CheckedAsync.class));
  }

  @Test
  void anEnvironmentVariableOverridesTheRetryCountInAJvmOfItsOwn() throws Exception {
    String variable = "DEV_ASYNCDSL_IT_CONFIG_BYENVIRONMENT_READ_RETRY_MAXRETRIES";
    ProcessBuilder child =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElseThrow(),
                "-cp",
                System.getProperty("java.class.path"),
                EnvironmentChild.class.getName())
            .redirectErrorStream(true);
    child.environment().put(variable, "4");
    Process process = child.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), output);
    assertEquals(0, process.exitValue(), output);
    assertEquals("reads=5 maxRetries=4 ENVIRONMENT " + variable, output.strip());
  }
}
