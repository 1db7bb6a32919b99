package dev.asyncdsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncdsl.internal.config.Sources;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Configuration overriding the policies of a twin's methods: the spellings, the sources and their
 * order, the levels and their precedence, switching policies off, the rules with their tags, keys
 * that name nothing, and values read once.
 */
class PolicyConfigTest {
  private final Map<String, String> app = new HashMap<>();
  private final Map<String, String> env = new HashMap<>();
  private final List<String> properties = new java.util.ArrayList<>();

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

  private void sources() {
    PolicyConfig.install(app::get, app::keySet);
    Sources.environment(env);
  }

  /** A twin of {@code className} with {@code fetch} (Timeout, Retry, Fallback) and {@code size}. */
  private static PolicyConfig.Twin twin(String className) {
    return PolicyConfig.twin(className)
        .method("fetch", "Timeout", "Retry", "Fallback")
        .method("size", "CircuitBreaker", "Bulkhead");
  }

  private static FaultTolerance fetch(PolicyConfig.Twin twin, String className) {
    return FaultTolerance.of(AsyncMethod.of(className, "fetch", "Client.fetch(String)"))
        .timeout(2, TimeUnit.SECONDS)
        .retry(4)
        .retryDelay(100, TimeUnit.MILLISECONDS)
        .build(twin);
  }

  private static FaultTolerance size(PolicyConfig.Twin twin, String className) {
    return FaultTolerance.of(AsyncMethod.of(className, "size", "Client.size(String)"))
        .circuitBreaker(20, 0.5, 5, TimeUnit.SECONDS, 1)
        .bulkhead(5, 10)
        .build(twin);
  }

  private static PolicyConfig.EffectiveValue value(
      FaultTolerance policy, String annotation, String member) {
    return policy.effectiveValues().stream()
        .filter(v -> v.policy().equals(annotation) && v.member().equals(member))
        .findFirst()
        .orElse(null);
  }

  @Test
  void withoutConfigurationTheAnnotationsValuesHold() {
    sources();
    PolicyConfig.Twin twin = twin("cfg.Plain");
    FaultTolerance fetch = fetch(twin, "cfg.Plain");
    twin.complete();
    twin.check();
    PolicyConfig.EffectiveValue retries = value(fetch, "Retry", "maxRetries");
    assertEquals("4", retries.value());
    assertEquals(PolicyConfig.Origin.ANNOTATION, retries.origin());
    assertNull(retries.key());
  }

  @Test
  void eachSpellingAtEachLevelOverrides() {
    sources();
    Map<String, String> spellings = new java.util.LinkedHashMap<>();
    spellings.put("cfg.A/fetch/Retry/maxRetries", "cfg.A");
    spellings.put("cfg.B/Retry/maxRetries", "cfg.B");
    spellings.put("smallrye.faulttolerance.\"cfg.C/fetch\".retry.max-retries", "cfg.C");
    spellings.put("smallrye.faulttolerance.\"cfg.D\".retry.max-retries", "cfg.D");
    spellings.forEach(
        (key, className) -> {
          app.clear();
          app.put(key, "7");
          PolicyConfig.Twin twin = twin(className);
          FaultTolerance fetch = fetch(twin, className);
          twin.complete();
          twin.check();
          PolicyConfig.EffectiveValue retries = value(fetch, "Retry", "maxRetries");
          assertEquals("7", retries.value(), key);
          assertEquals(PolicyConfig.Origin.APPLICATION, retries.origin(), key);
          assertEquals(key, retries.key());
        });
  }

  @Test
  void globalKeysInBothSpellings() {
    sources();
    app.put("Retry/maxRetries", "6");
    PolicyConfig.Twin twin = twin("cfg.G");
    assertEquals("6", value(fetch(twin, "cfg.G"), "Retry", "maxRetries").value());
    app.clear();
    app.put("smallrye.faulttolerance.global.retry.max-retries", "5");
    assertEquals("5", value(fetch(twin, "cfg.G"), "Retry", "maxRetries").value());
  }

  @Test
  void ourMemberNamesAndMicroProfilesBothWork() {
    sources();
    app.put("cfg.J/fetch/Retry/jitterDelayUnit", "SECONDS");
    app.put("cfg.J/fetch/Retry/jitter", "1");
    PolicyConfig.Twin twin = twin("cfg.J");
    FaultTolerance fetch = fetch(twin, "cfg.J");
    assertEquals("SECONDS", value(fetch, "Retry", "jitterDelayUnit").value());
    app.clear();
    app.put("cfg.J/fetch/Retry/jitterUnit", "MILLIS");
    assertEquals("MILLISECONDS", value(fetch(twin, "cfg.J"), "Retry", "jitterDelayUnit").value());
  }

  @Test
  void methodOverClassOverGlobal() {
    sources();
    app.put("Retry/maxRetries", "1");
    app.put("cfg.P/Retry/maxRetries", "2");
    PolicyConfig.Twin twin = twin("cfg.P");
    assertEquals("2", value(fetch(twin, "cfg.P"), "Retry", "maxRetries").value());
    app.put("cfg.P/fetch/Retry/maxRetries", "3");
    assertEquals("3", value(fetch(twin, "cfg.P"), "Retry", "maxRetries").value());
  }

  @Test
  void theApplicationSourceOverSystemPropertiesOverTheEnvironment() {
    sources();
    env.put("CFG_S_FETCH_RETRY_MAXRETRIES", "1");
    PolicyConfig.Twin twin = twin("cfg.S");
    PolicyConfig.EffectiveValue fromEnv = value(fetch(twin, "cfg.S"), "Retry", "maxRetries");
    assertEquals("1", fromEnv.value());
    assertEquals(PolicyConfig.Origin.ENVIRONMENT, fromEnv.origin());
    assertEquals("CFG_S_FETCH_RETRY_MAXRETRIES", fromEnv.key());
    property("cfg.S/fetch/Retry/maxRetries", "2");
    PolicyConfig.EffectiveValue fromProperty = value(fetch(twin, "cfg.S"), "Retry", "maxRetries");
    assertEquals("2", fromProperty.value());
    assertEquals(PolicyConfig.Origin.SYSTEM_PROPERTY, fromProperty.origin());
    app.put("cfg.S/fetch/Retry/maxRetries", "3");
    assertEquals("3", value(fetch(twin, "cfg.S"), "Retry", "maxRetries").value());
  }

  @Test
  void theEnvironmentMappingReplacesWhatIsNotALetterOrDigit() {
    assertEquals(
        "smallrye_faulttolerance__com_example_Mirror_celsius__retry_max_retries",
        Sources.environmentName(
            "smallrye.faulttolerance.\"com.example.Mirror/celsius\".retry.max-retries"));
  }

  @Test
  void theTimeoutMessageNamesTheEffectiveTimeout() throws Exception {
    sources();
    app.put("cfg.T/fetch/Timeout/value", "20");
    app.put("cfg.T/fetch/Timeout/unit", "MILLIS");
    PolicyConfig.Twin twin = PolicyConfig.twin("cfg.T").method("fetch", "Timeout");
    AsyncRuntime.TimedMethod timed =
        twin.timed(AsyncMethod.of("cfg.T", "fetch", "T.fetch()"), 30, TimeUnit.SECONDS);
    twin.complete();
    CompletableFuture<Object> call =
        AsyncRuntime.call(
            AsyncRuntime.defaultExecutor(),
            timed,
            () -> {
              Thread.sleep(10_000);
              return null;
            });
    ExecutionException failed = assertThrows(ExecutionException.class, call::get);
    assertTrue(failed.getCause() instanceof DeadlineExceededException);
    assertTrue(failed.getCause().getMessage().contains("20 ms"), failed.getCause().getMessage());
  }

  @Test
  void eachPolicyCanBeSwitchedOff() {
    sources();
    app.put("cfg.O/fetch/Retry/enabled", "false");
    app.put("cfg.O/fetch/Timeout/enabled", "false");
    app.put("cfg.O/size/CircuitBreaker/enabled", "false");
    app.put("smallrye.faulttolerance.\"cfg.O/size\".bulkhead.enabled", "false");
    PolicyConfig.Twin twin = twin("cfg.O");
    FaultTolerance fetch = fetch(twin, "cfg.O");
    FaultTolerance size = size(twin, "cfg.O");
    twin.complete();
    assertFalse(fetch.hasRetry());
    assertFalse(fetch.hasTimeout());
    assertFalse(size.hasCircuitBreaker());
    assertFalse(size.hasBulkhead());
    assertEquals("false", value(fetch, "Retry", "enabled").value());
  }

  @Test
  void nonFallbackSwitchLeavesTheFallback() throws Exception {
    sources();
    env.put("MP_Fault_Tolerance_NonFallback_Enabled", "false");
    PolicyConfig.Twin twin = twin("cfg.N");
    FaultTolerance fetch = fetch(twin, "cfg.N");
    twin.complete();
    assertFalse(fetch.hasRetry());
    assertFalse(fetch.hasTimeout());
    AtomicInteger attempts = new AtomicInteger();
    String answer =
        fetch
            .<String>call(
                Runnable::run,
                () -> {
                  attempts.incrementAndGet();
                  throw new IOException("down");
                },
                failure -> "fallback")
            .get();
    assertEquals("fallback", answer);
    assertEquals(1, attempts.get());
  }

  @Test
  void fallbackSwitchedOffLetsTheFailureThrough() {
    sources();
    app.put("cfg.F/fetch/Fallback/enabled", "false");
    app.put("cfg.F/fetch/Retry/enabled", "false");
    PolicyConfig.Twin twin = twin("cfg.F");
    FaultTolerance fetch = fetch(twin, "cfg.F");
    twin.complete();
    CompletableFuture<String> call =
        fetch.call(
            Runnable::run,
            () -> {
              throw new IOException("down");
            },
            failure -> "fallback");
    ExecutionException failed = assertThrows(ExecutionException.class, call::get);
    assertTrue(failed.getCause() instanceof IOException);
  }

  @Test
  void configuredClassListsMatchByName() throws Exception {
    sources();
    app.put("cfg.L/fetch/Retry/retryOn", "java.lang.IllegalStateException");
    PolicyConfig.Twin twin = twin("cfg.L");
    FaultTolerance fetch = fetch(twin, "cfg.L");
    twin.complete();
    AtomicInteger attempts = new AtomicInteger();
    assertThrows(
        ExecutionException.class,
        () ->
            fetch
                .<String>call(
                    Runnable::run,
                    () -> {
                      attempts.incrementAndGet();
                      throw new IOException("not retried");
                    },
                    failure -> {
                      throw failure;
                    })
                .get());
    assertEquals(1, attempts.get());
  }

  /** How many attempts a call of {@code policy} made that failed each time with {@code failure}. */
  private static int attempts(FaultTolerance policy, Exception failure) {
    AtomicInteger attempts = new AtomicInteger();
    CompletableFuture<String> call =
        policy.call(
            Runnable::run,
            () -> {
              attempts.incrementAndGet();
              throw failure;
            });
    assertThrows(ExecutionException.class, call::get);
    return attempts.get();
  }

  /** {@code @Retry(maxRetries = 2, retryOn = IOException.class)} as a twin builds it. */
  private static FaultTolerance retriesIo(PolicyConfig.Twin twin, String className) {
    return FaultTolerance.of(AsyncMethod.of(className, "fetch", "Client.fetch(String)"))
        .retry(2)
        .retryOn(failure -> failure instanceof IOException)
        .retryOnNames("java.io.IOException")
        .build(twin);
  }

  @Test
  void aConfiguredAbortOnCombinesWithTheAnnotationsRetryOn() {
    sources();
    app.put("cfg.P/fetch/Retry/abortOn", "java.io.FileNotFoundException");
    PolicyConfig.Twin twin = PolicyConfig.twin("cfg.P").method("fetch", "Retry");
    FaultTolerance fetch = retriesIo(twin, "cfg.P");
    twin.complete();
    assertEquals(3, attempts(fetch, new IOException("retried")));
    assertEquals(1, attempts(fetch, new java.io.FileNotFoundException("aborted")));
    // The annotation's retryOn holds: not every Exception, as its default would say.
    assertEquals(1, attempts(fetch, new IllegalStateException("not retried")));
    assertEquals("java.io.IOException", value(fetch, "Retry", "retryOn").value());
    assertEquals(PolicyConfig.Origin.ANNOTATION, value(fetch, "Retry", "retryOn").origin());
    assertEquals(PolicyConfig.Origin.APPLICATION, value(fetch, "Retry", "abortOn").origin());
  }

  @Test
  void aConfiguredSkipOnCombinesWithTheAnnotationsFailOnAndApplyOn() throws Exception {
    sources();
    app.put("cfg.Q/fetch/Fallback/skipOn", "java.io.FileNotFoundException");
    PolicyConfig.Twin twin = PolicyConfig.twin("cfg.Q").method("fetch", "Fallback");
    FaultTolerance fetch =
        FaultTolerance.of(AsyncMethod.of("cfg.Q", "fetch", "Client.fetch(String)"))
            .fallbackOn(failure -> failure instanceof IOException)
            .fallbackApplyOnNames("java.io.IOException")
            .build(twin);
    twin.complete();
    FaultTolerance.ValueFallback<String> fallback = failure -> "fallback";
    assertEquals(
        "fallback",
        fetch
            .<String>call(
                Runnable::run,
                () -> {
                  throw new IOException("answered");
                },
                fallback)
            .get());
    for (Exception unanswered :
        List.of(new java.io.FileNotFoundException("skipped"), new IllegalStateException("not"))) {
      assertThrows(
          ExecutionException.class,
          () ->
              fetch
                  .<String>call(
                      Runnable::run,
                      () -> {
                        throw unanswered;
                      },
                      fallback)
                  .get());
    }
  }

  @Test
  void withoutConfigurationOfThePairTheCompiledTestRuns() {
    sources();
    app.put("cfg.R/fetch/Retry/maxRetries", "1");
    PolicyConfig.Twin twin = PolicyConfig.twin("cfg.R").method("fetch", "Retry");
    // The names disagree with the test on purpose: only the test may decide.
    FaultTolerance fetch =
        FaultTolerance.of(AsyncMethod.of("cfg.R", "fetch", "Client.fetch(String)"))
            .retry(2)
            .retryOn(failure -> failure instanceof IOException)
            .retryOnNames("java.lang.IllegalStateException")
            .build(twin);
    twin.complete();
    assertEquals(2, attempts(fetch, new IOException("retried once")));
    assertEquals(1, attempts(fetch, new IllegalStateException("not retried")));
  }

  @Test
  void aConfiguredClassTheAnnotationsOtherMemberNamesIsInBoth() {
    sources();
    app.put("cfg.S/fetch/Retry/abortOn", "java.io.IOException");
    PolicyConfig.Twin twin = PolicyConfig.twin("cfg.S").method("fetch", "Retry");
    retriesIo(twin, "cfg.S");
    twin.complete();
    PolicyConfigException bad = assertThrows(PolicyConfigException.class, twin::check);
    assertTrue(bad.getMessage().contains("POLICY_CLASS_IN_BOTH"), bad::getMessage);
  }

  @Test
  void eachRuleGivesTheProcessorsTag() {
    Map<String, String> bad = new java.util.LinkedHashMap<>();
    bad.put("Retry/maxRetries", "-5=RETRY_MAX_RETRIES_BELOW_MINUS_ONE");
    bad.put("Retry/delay", "-1=POLICY_VALUE_NEGATIVE");
    bad.put("Retry/maxDuration", "50=RETRY_DURATION_NOT_LONGER_THAN_DELAY");
    bad.put("Retry/delayMultiplier", "0.5=RETRY_MULTIPLIER_BELOW_ONE");
    bad.put("Timeout/value", "0=TIMEOUT_NOT_POSITIVE");
    bad.put("Retry/retryOn", "java.io.IOException=POLICY_CLASS_IN_BOTH");
    bad.put("CircuitBreaker/failureRatio", "1.5=CIRCUIT_RATIO_OUT_OF_RANGE");
    bad.put("CircuitBreaker/requestVolumeThreshold", "0=POLICY_VALUE_BELOW_ONE");
    bad.put("Bulkhead/waitingTaskQueue", "-1=POLICY_VALUE_NEGATIVE");
    bad.put("Bulkhead/value", "x=CONFIG_VALUE_UNREADABLE");
    int n = 0;
    for (Map.Entry<String, String> entry : bad.entrySet()) {
      String className = "cfg.R" + n++;
      app.clear();
      String[] valueAndTag = entry.getValue().split("=");
      app.put(className + "/" + entry.getKey(), valueAndTag[0]);
      if (entry.getKey().equals("Retry/retryOn")) {
        app.put(className + "/Retry/abortOn", "java.io.IOException");
      }
      sources();
      PolicyConfig.Twin twin = twin(className);
      fetch(twin, className);
      size(twin, className);
      twin.complete();
      PolicyConfigException failure = assertThrows(PolicyConfigException.class, twin::check);
      assertEquals(valueAndTag[1], failure.problems().get(0).tag(), failure.getMessage());
    }
  }

  @Test
  void maxDelayBelowDelay() {
    sources();
    app.put("cfg.M/fetch/Retry/delayMultiplier", "2");
    app.put("cfg.M/fetch/Retry/maxDelay", "50");
    PolicyConfig.Twin twin = twin("cfg.M");
    fetch(twin, "cfg.M");
    twin.complete();
    PolicyConfigException failure = assertThrows(PolicyConfigException.class, twin::check);
    assertEquals("RETRY_MAX_DELAY_BELOW_DELAY", failure.problems().get(0).tag());
  }

  @Test
  void badKeysOfAClassAreReportedTogetherAndCallsFailWithThem() throws Exception {
    sources();
    app.put("cfg.K/fetch/Retry/maxRetries", "-5");
    property("cfg.K/fecth/Retry/maxRetries", "2");
    property("cfg.K/size/Retry/maxRetries", "2");
    property("cfg.K/fetch/Retry/maxRetrys", "2");
    property("cfg.K/fetch/Rety/maxRetries", "2");
    env.put("CFG_K_FETCH_RETRY_MAXRETRYS", "2");
    PolicyConfig.Twin twin = twin("cfg.K");
    FaultTolerance fetch = fetch(twin, "cfg.K");
    twin.complete();
    PolicyConfigException failure = assertThrows(PolicyConfigException.class, twin::check);
    List<String> tags =
        failure.problems().stream().map(PolicyConfigException.Problem::tag).toList();
    assertEquals(
        List.of(
            "RETRY_MAX_RETRIES_BELOW_MINUS_ONE",
            "CONFIG_UNKNOWN_METHOD",
            "CONFIG_UNKNOWN_MEMBER",
            "CONFIG_UNKNOWN_POLICY",
            "CONFIG_POLICY_NOT_CARRIED",
            "CONFIG_UNKNOWN_KEY"),
        tags,
        failure.getMessage());
    String message = failure.getMessage();
    assertTrue(message.startsWith("6 bad fault-tolerance settings for cfg.K:"), message);
    assertTrue(message.contains("did you mean cfg.K/fetch/Retry/maxRetries?"), message);
    assertTrue(message.contains("did you mean CFG_K_FETCH_RETRY_MAXRETRIES?"), message);
    ExecutionException call =
        assertThrows(
            ExecutionException.class, () -> fetch.<String>call(Runnable::run, () -> "x").get());
    assertTrue(call.getCause() == failure);
  }

  @Test
  void theStartUpCheckFindsBadGlobalKeys() {
    sources();
    app.put("Retry/maxRetrys", "2");
    PolicyConfigException failure = assertThrows(PolicyConfigException.class, PolicyConfig::check);
    assertTrue(
        failure.getMessage().contains("did you mean Retry/maxRetries?"), failure.getMessage());
  }

  @Test
  void valuesAreReadOnceUntilReload() throws Exception {
    AtomicInteger reads = new AtomicInteger();
    PolicyConfig.install(
        key -> {
          reads.incrementAndGet();
          return key.equals("cfg.Once/fetch/Retry/maxRetries") ? app.get("n") : null;
        });
    Sources.environment(env);
    app.put("n", "1");
    PolicyConfig.Twin twin = twin("cfg.Once");
    FaultTolerance fetch = fetch(twin, "cfg.Once");
    twin.complete();
    int afterBuild = reads.get();
    for (int i = 0; i < 20; i++) {
      fetch.<String>call(Runnable::run, () -> "ok").get();
    }
    assertEquals(afterBuild, reads.get());
    app.put("n", "2");
    PolicyConfig.reload();
    assertEquals("2", value(fetch, "Retry", "maxRetries").value());
  }
}
