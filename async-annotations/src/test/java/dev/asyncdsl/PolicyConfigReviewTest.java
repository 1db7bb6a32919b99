package dev.asyncdsl;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.asyncdsl.internal.config.Sources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Configuration edge cases: nested classes, prefixes, reload of timed methods, overflow. */
class PolicyConfigReviewTest {
  private final List<String> properties = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    PolicyConfig.uninstall();
    Sources.realEnvironment();
    properties.forEach(System::clearProperty);
  }

  private void property(String key, String value) {
    properties.add(key);
    System.setProperty(key, value);
  }

  private static FaultTolerance retrying(PolicyConfig.Twin twin, String className) {
    return FaultTolerance.of(AsyncMethod.of(className, "get", "C.get()")).retry(2).build(twin);
  }

  @Test
  void anEnvironmentKeyOfANestedClassDoesNotFailItsOuterClass() {
    Sources.environment(Map.of("RV_OUTER_INNER_GET_RETRY_MAXRETRIES", "2"));
    PolicyConfig.Twin outer = PolicyConfig.twin("rv.Outer").method("get", "Retry");
    retrying(outer, "rv.Outer");
    outer.complete();
    PolicyConfig.Twin inner = PolicyConfig.twin("rv.Outer$Inner").method("get", "Retry");
    retrying(inner, "rv.Outer$Inner");
    inner.complete();
    assertDoesNotThrow(inner::check);
    assertDoesNotThrow(outer::check);
  }

  @Test
  void aSmallRyeEnvironmentKeyOfAClassWhoseNameExtendsAnotherDoesNotFailIt() {
    Sources.environment(
        Map.of("SMALLRYE_FAULTTOLERANCE__RV_MIRRORCACHE_GET__RETRY_MAX_RETRIES", "2"));
    PolicyConfig.Twin mirror = PolicyConfig.twin("rv.Mirror").method("get", "Retry");
    retrying(mirror, "rv.Mirror");
    mirror.complete();
    assertDoesNotThrow(mirror::check);
  }

  @Test
  void reloadLetsATimedMethodRunAgainOnceItsKeyIsFixed() throws Exception {
    Sources.environment(Map.of());
    property("rv.T/fetch/Timeout/value", "soon");
    PolicyConfig.Twin twin = PolicyConfig.twin("rv.T").method("fetch", "Timeout");
    AsyncRuntime.TimedMethod timed =
        twin.timed(AsyncMethod.of("rv.T", "fetch", "T.fetch()"), 30, TimeUnit.SECONDS);
    twin.complete();
    System.setProperty("rv.T/fetch/Timeout/value", "20");
    PolicyConfig.reload();
    assertDoesNotThrow(twin::check);
    assertEquals(
        "ok",
        AsyncRuntime.call(AsyncRuntime.defaultExecutor(), timed, () -> "ok")
            .get(5, TimeUnit.SECONDS));
  }

  @Test
  void aTimedMethodsPoliciesShowTheConfiguredTimeout() {
    Sources.environment(Map.of());
    property("rv.E/fetch/Timeout/value", "20");
    PolicyConfig.Twin twin = PolicyConfig.twin("rv.E").method("fetch", "Timeout");
    AsyncRuntime.TimedMethod timed =
        twin.timed(AsyncMethod.of("rv.E", "fetch", "E.fetch()"), 30, TimeUnit.SECONDS);
    twin.complete();
    PolicyConfig.EffectiveValue value =
        timed.policies().effectiveValues().stream()
            .filter(v -> v.policy().equals("Timeout") && v.member().equals("value"))
            .findFirst()
            .orElseThrow();
    assertEquals("20", value.value());
    assertEquals(PolicyConfig.Origin.SYSTEM_PROPERTY, value.origin());
  }

  @Test
  void aRetryDelayBeyondTheLongestDeadlineIsReportedNotThrown() {
    Sources.environment(Map.of());
    property("rv.L/get/Retry/delay", "36500");
    property("rv.L/get/Retry/delayUnit", "DAYS");
    property("rv.L/get/Retry/maxDuration", "73000");
    property("rv.L/get/Retry/durationUnit", "DAYS");
    PolicyConfig.Twin twin = PolicyConfig.twin("rv.L").method("get", "Retry");
    assertDoesNotThrow(() -> retrying(twin, "rv.L"));
    assertDoesNotThrow(twin::complete);
  }

  @Test
  void anInstalledSourceThatThrowsIsReportedNotThrown() {
    Sources.environment(Map.of());
    PolicyConfig.install(
        key -> {
          if (key.equals("rv.S/get/Retry/maxRetries")) {
            throw new java.util.NoSuchElementException("SRCFG00011: ${undefined} not found");
          }
          return null;
        });
    PolicyConfig.Twin twin = PolicyConfig.twin("rv.S").method("get", "Retry");
    assertDoesNotThrow(() -> retrying(twin, "rv.S"));
    assertDoesNotThrow(twin::complete);
  }
}
