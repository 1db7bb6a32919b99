package dev.asyncdsl.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.asyncdsl.processor.Compilers.assertNotGenerated;
import static dev.asyncdsl.processor.Compilers.assertNothingGenerated;
import static dev.asyncdsl.processor.Compilers.generated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.asyncdsl.processor.diagnostic.Message;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One test (at least) per diagnostic of the fault-tolerance annotations, {@code @Retry},
 * {@code @Fallback}, {@code @Bulkhead} and {@code @CircuitBreaker}, and the valid shapes that must
 * stay quiet. Sources made by {@link #foo} start their body on line 5.
 */
class PolicyDiagnosticsTest {

  private static String tag(Message message) {
    return " [asyncdsl:" + message.name() + "]";
  }

  /** {@code p.Foo}: a package, the imports and the class line, then {@code body} from line 5. */
  private static JavaFileObject foo(String... body) {
    return named("p.Foo", "public class Foo {", body);
  }

  private static JavaFileObject named(String name, String classLine, String... body) {
    List<String> lines = new ArrayList<>();
    lines.add("package " + name.substring(0, name.lastIndexOf('.')) + ";");
    lines.add("import dev.asyncdsl.*;");
    lines.add("import java.util.concurrent.TimeUnit;");
    lines.add(classLine);
    lines.addAll(List.of(body));
    lines.add("}");
    return JavaFileObjects.forSourceLines(name, lines);
  }

  /** Fails with exactly one error, {@code text}, at line and column, and writes nothing. */
  private static void assertOneError(JavaFileObject file, String text, int line, int column) {
    Compilation compilation = Compilers.strict().compile(file);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(text).inFile(file).onLine(line).atColumn(column);
    assertNothingGenerated(compilation);
  }

  /** Succeeds with exactly one warning, {@code text}, at line and column, and writes the twin. */
  private static void assertOneWarning(JavaFileObject file, String text, int line, int column) {
    Compilation compilation = Compilers.lenient().compile(file);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation).hadWarningContaining(text).inFile(file).onLine(line).atColumn(column);
    generated(compilation, "p.FooAsync");
  }

  /** Compiles under -Xlint:all -Werror without a warning, and writes the twin. */
  private static Compilation assertClean(JavaFileObject... files) {
    Compilation compilation = Compilers.strict().compile(files);
    assertThat(compilation).succeededWithoutWarnings();
    generated(compilation, "p.FooAsync");
    return compilation;
  }

  // ---------------------------------------------------------------- POLICY_WITHOUT_ASYNC

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"Retry", "Fallback(method = \"fb\")", "Bulkhead", "CircuitBreaker"})
  void policyOnAMethodWithoutAsync(String annotation) {
    String simple = annotation.replaceAll("\\(.*", "");
    JavaFileObject foo =
        foo(
            "  @" + annotation + " public String load(String id) {",
            "    return id;",
            "  }",
            "  String fb(String id) {",
            "    return id;",
            "  }");
    assertOneError(
        foo,
        "@"
            + simple
            + " on load(String) has no effect because no @Async applies to it;"
            + " add @Async (to it, or to its class) or remove @"
            + simple
            + tag(Message.POLICY_WITHOUT_ASYNC),
        5,
        3);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"Retry", "Fallback(method = \"fb\")", "Bulkhead", "CircuitBreaker"})
  void policyOnATypeWithoutAsync(String annotation) {
    String simple = annotation.replaceAll("\\(.*", "");
    JavaFileObject foo =
        named(
            "p.Foo",
            "@" + annotation + " public class Foo {",
            "  public String load(String id) {",
            "    return id;",
            "  }",
            "  String fb(String id) {",
            "    return id;",
            "  }");
    assertOneError(
        foo,
        "@"
            + simple
            + " on Foo has no effect because no @Async applies to it;"
            + " add @Async (to it, or to its methods) or remove @"
            + simple
            + tag(Message.POLICY_WITHOUT_ASYNC),
        4,
        1);
  }

  @Test
  void policyOnANotAsyncMethodOfAnAsyncType() {
    JavaFileObject foo =
        named(
            "p.Foo",
            "@Async public class Foo {",
            "  @NotAsync @Retry public String load(String id) {",
            "    return id;",
            "  }",
            "  public String other() {",
            "    return \"\";",
            "  }");
    assertOneError(
        foo,
        "@Retry on load(String) has no effect because no @Async applies to it;"
            + " remove @NotAsync, or remove @Retry"
            + tag(Message.POLICY_WITHOUT_ASYNC),
        5,
        13);
  }

  @Test
  void typeLevelPolicyOnATypeWithAsyncMethodsApplies() {
    JavaFileObject foo =
        named(
            "p.Foo",
            "@Retry(maxRetries = 2) @Bulkhead(3) public class Foo {",
            "  @Async public String load(String id) {",
            "    return id;",
            "  }");
    assertClean(foo);
  }

  // ----------------------------------------------------------------
  // RETRY_MAX_RETRIES_BELOW_MINUS_ONE

  @Test
  void maxRetriesBelowMinusOne() {
    JavaFileObject foo =
        foo("  @Async @Retry(maxRetries = -2) public String load() {", "    return \"\";", "  }");
    assertOneError(
        foo,
        "@Retry(maxRetries = -2) is not a number of retries; give 0 or more, or -1 to retry until"
            + " maxDuration has passed"
            + tag(Message.RETRY_MAX_RETRIES_BELOW_MINUS_ONE),
        5,
        30);
  }

  // ---------------------------------------------------------------- POLICY_VALUE_NEGATIVE

  @ParameterizedTest(name = "@{0}({1} = -5)")
  @CsvSource({
    "Retry, delay",
    "Retry, jitter",
    "Retry, maxDuration",
    "Retry, maxDelay",
    "CircuitBreaker, delay",
    "Bulkhead, waitingTaskQueue",
  })
  void negativeValues(String annotation, String member) {
    String written = "@" + annotation + "(" + member + " = -5)";
    JavaFileObject foo =
        foo("  @Async " + written + " public String load() {", "    return \"\";", "  }");
    assertOneError(
        foo,
        written + " must not be negative; give 0 or more" + tag(Message.POLICY_VALUE_NEGATIVE),
        5,
        10 + written.indexOf('-'));
  }

  // ----------------------------------------------------------------
  // RETRY_DURATION_NOT_LONGER_THAN_DELAY

  @Test
  void maxDurationShorterThanDelay() {
    JavaFileObject foo =
        foo(
            "  @Async",
            "  @Retry(delay = 1, delayUnit = TimeUnit.SECONDS, maxDuration = 500)",
            "  public String load() {",
            "    return \"\";",
            "  }");
    assertOneError(
        foo,
        "@Retry(maxDuration = 500 milliseconds) is not longer than its delay of 1 second, so no"
            + " retry could ever start; make maxDuration longer than delay, or 0 for no limit"
            + tag(Message.RETRY_DURATION_NOT_LONGER_THAN_DELAY),
        6,
        65);
  }

  @Test
  void maxDurationEqualToDelay() {
    JavaFileObject foo =
        foo(
            "  @Async",
            "  @Retry(delay = 2, delayUnit = TimeUnit.SECONDS, maxDuration = 2000)",
            "  public String load() {",
            "    return \"\";",
            "  }");
    assertOneError(
        foo,
        "@Retry(maxDuration = 2000 milliseconds) is not longer than its delay of 2 seconds, so no"
            + " retry could ever start; make maxDuration longer than delay, or 0 for no limit"
            + tag(Message.RETRY_DURATION_NOT_LONGER_THAN_DELAY),
        6,
        65);
  }

  @Test
  void maxDurationZeroIsNoLimit() {
    JavaFileObject foo =
        foo(
            "  @Async",
            "  @Retry(delay = 1, delayUnit = TimeUnit.SECONDS, maxDuration = 0)",
            "  public String load() {",
            "    return \"\";",
            "  }");
    assertClean(foo);
  }

  // ---------------------------------------------------------------- RETRY_MULTIPLIER_BELOW_ONE

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {"0.5 | 0.5", "0.0 / 0.0 | NaN", "1.0 / 0.0 | Infinity", "-2.0 | -2.0"})
  void multiplierBelowOne(String written, String shown) {
    JavaFileObject foo =
        foo(
            "  @Async @Retry(delayMultiplier = " + written + ") public String load() {",
            "    return \"\";",
            "  }");
    int column =
        35 + (written.contains("/") ? written.indexOf('/') : written.startsWith("-") ? 0 : 0);
    assertOneError(
        foo,
        "@Retry(delayMultiplier = "
            + shown
            + ") must be a number of at least 1: 1 keeps the delay"
            + " constant, 2 doubles it for each retry"
            + tag(Message.RETRY_MULTIPLIER_BELOW_ONE),
        5,
        column);
  }

  // ---------------------------------------------------------------- RETRY_MAX_DELAY_BELOW_DELAY

  @Test
  void maxDelayBelowDelay() {
    JavaFileObject foo =
        foo(
            "  @Async",
            "  @Retry(delay = 100, delayMultiplier = 2, maxDelay = 50)",
            "  public String load() {",
            "    return \"\";",
            "  }");
    assertOneError(
        foo,
        "@Retry(maxDelay = 50 milliseconds) is shorter than its delay of 100 milliseconds, so it"
            + " would shorten the very first delay; make maxDelay at least delay, or 0 for no cap"
            + tag(Message.RETRY_MAX_DELAY_BELOW_DELAY),
        6,
        55);
  }

  @Test
  void maxDelayInOtherUnitsIsComparedInTime() {
    JavaFileObject foo =
        foo(
            "  @Async",
            "  @Retry(delay = 100, delayMultiplier = 2, maxDelay = 1, maxDelayUnit = TimeUnit.SECONDS)",
            "  public String load() {",
            "    return \"\";",
            "  }");
    assertClean(foo);
  }

  // ----------------------------------------------------------------
  // RETRY_MAX_DELAY_WITHOUT_BACKOFF

  @Test
  void maxDelayWithoutBackoffWarns() {
    JavaFileObject foo =
        foo(
            "  @Async @Retry(delay = 10, maxDelay = 1000) public String load() {",
            "    return \"\";",
            "  }");
    assertOneWarning(
        foo,
        "@Retry(maxDelay = 1000 milliseconds) has no effect: with delayMultiplier 1 the delay never"
            + " grows; set delayMultiplier above 1 for backoff, or remove maxDelay"
            + tag(Message.RETRY_MAX_DELAY_WITHOUT_BACKOFF),
        5,
        40);
  }

  @Test
  void maxDelayWithoutBackoffIsSuppressible() {
    JavaFileObject foo =
        foo(
            "  @SuppressWarnings(\"RETRY_MAX_DELAY_WITHOUT_BACKOFF\")",
            "  @Async @Retry(delay = 10, maxDelay = 1000) public String load() {",
            "    return \"\";",
            "  }");
    assertClean(foo);
  }

  // ---------------------------------------------------------------- RETRY_FOREVER

  @Test
  void retryForeverWarns() {
    JavaFileObject foo =
        foo(
            "  @Async @Retry(maxRetries = -1, maxDuration = 0) public String load() {",
            "    return \"\";",
            "  }");
    assertOneWarning(
        foo,
        "@Retry(maxRetries = -1, maxDuration = 0) on load() retries a failing call forever;"
            + " give a maxDuration or a number of retries"
            + tag(Message.RETRY_FOREVER),
        5,
        30);
  }

  @Test
  void retryForeverIsSuppressibleOnTheType() {
    JavaFileObject foo =
        named(
            "p.Foo",
            "@SuppressWarnings(\"RETRY_FOREVER\") public class Foo {",
            "  @Async @Retry(maxRetries = -1, maxDuration = 0) public String load() {",
            "    return \"\";",
            "  }");
    assertClean(foo);
  }

  @Test
  void retryUntilMaxDurationIsFine() {
    JavaFileObject foo =
        foo(
            "  @Async @Retry(maxRetries = -1, maxDuration = 30, durationUnit = TimeUnit.SECONDS)",
            "  public String load() {",
            "    return \"\";",
            "  }");
    assertClean(foo);
  }

  // ---------------------------------------------------------------- CIRCUIT_RATIO_OUT_OF_RANGE

  @ParameterizedTest(name = "{0}")
  @CsvSource({"1.5, 1.5, 41", "-0.1, -0.1, 41", "0.0 / 0.0, NaN, 45"})
  void failureRatioOutOfRange(String written, String shown, int column) {
    JavaFileObject foo =
        foo(
            "  @Async @CircuitBreaker(failureRatio = " + written + ") public String load() {",
            "    return \"\";",
            "  }");
    assertOneError(
        foo,
        "@CircuitBreaker(failureRatio = "
            + shown
            + ") must be between 0 and 1, the share of"
            + " failures that opens the circuit, e.g. 0.5 for half of the calls"
            + tag(Message.CIRCUIT_RATIO_OUT_OF_RANGE),
        5,
        column);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"0", "1", "0.25"})
  void failureRatioAtTheBoundsIsFine(String ratio) {
    JavaFileObject foo =
        foo(
            "  @Async @CircuitBreaker(failureRatio = " + ratio + ") public String load() {",
            "    return \"\";",
            "  }");
    assertClean(foo);
  }

  // ---------------------------------------------------------------- POLICY_VALUE_BELOW_ONE

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "@CircuitBreaker(requestVolumeThreshold = 0) | @CircuitBreaker(requestVolumeThreshold = 0)"
            + " must be at least 1; it is how many of the latest calls the circuit weighs",
        "@CircuitBreaker(successThreshold = 0) | @CircuitBreaker(successThreshold = 0)"
            + " must be at least 1; it is how many trial calls must succeed to close the circuit",
        "@Bulkhead(0) | @Bulkhead(value = 0) must be at least 1; it is how many calls may run at once",
        "@Bulkhead(value = -3) | @Bulkhead(value = -3) must be at least 1;"
            + " it is how many calls may run at once",
      })
  void valuesBelowOne(String written, String text) {
    JavaFileObject foo =
        foo("  @Async " + written + " public String load() {", "    return \"\";", "  }");
    int column = 10 + (written.contains("=") ? written.indexOf('=') + 2 : written.indexOf('(') + 1);
    assertOneError(foo, text + tag(Message.POLICY_VALUE_BELOW_ONE), 5, column);
  }

  @Test
  void bulkheadWithoutQueueIsFine() {
    JavaFileObject foo =
        foo(
            "  @Async @Bulkhead(value = 1, waitingTaskQueue = 0) public String load() {",
            "    return \"\";",
            "  }");
    assertClean(foo);
  }

  // ---------------------------------------------------------------- POLICY_CLASS_IN_BOTH

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "@Retry(retryOn = java.io.IOException.class, abortOn = java.io.IOException.class)"
            + " | Retry | retryOn | abortOn",
        "@CircuitBreaker(failOn = {IllegalStateException.class, java.io.IOException.class},"
            + " skipOn = java.io.IOException.class) | CircuitBreaker | failOn | skipOn",
        "@Fallback(method = \"fb\", applyOn = java.io.IOException.class,"
            + " skipOn = {IllegalStateException.class, java.io.IOException.class})"
            + " | Fallback | applyOn | skipOn",
      })
  void classInBoth(String written, String annotation, String include, String exclude) {
    JavaFileObject foo =
        foo(
            "  @Async",
            "  " + written,
            "  public String load(String id) throws java.io.IOException {",
            "    return id;",
            "  }",
            "  String fb(String id) {",
            "    return id;",
            "  }");
    int entry = written.lastIndexOf("java.io.IOException.class");
    assertOneError(
        foo,
        "@"
            + annotation
            + " names IOException.class in both "
            + include
            + " and "
            + exclude
            + ", which contradict each other; remove it from one of them"
            + tag(Message.POLICY_CLASS_IN_BOTH),
        6,
        3 + entry + "java.io.IOException".length());
  }

  // ---------------------------------------------------------------- POLICY_CLASS_INVISIBLE

  @Test
  void privateExceptionClassInRetryOn() {
    JavaFileObject foo =
        foo(
            "  private static final class Busy extends RuntimeException {",
            "    private static final long serialVersionUID = 1L;",
            "  }",
            "  @Async @Retry(retryOn = Busy.class) public String load() {",
            "    return \"\";",
            "  }");
    assertOneError(
        foo,
        "@Retry names Busy.class, which is private, so the generated twin cannot test a failure"
            + " against it; make Busy package-private or public, or name a visible superclass"
            + tag(Message.POLICY_CLASS_INVISIBLE),
        8,
        31);
  }

  @Test
  void packagePrivateExceptionClassOfAnotherPackage() {
    JavaFileObject busy =
        JavaFileObjects.forSourceLines(
            "q.Errors",
            "package q;",
            "public class Errors {",
            "  public static class Base extends RuntimeException {",
            "    private static final long serialVersionUID = 1L;",
            "  }",
            "  static class Busy extends Base {",
            "    private static final long serialVersionUID = 1L;",
            "  }",
            "}");
    JavaFileObject foo =
        JavaFileObjects.forSourceLines(
            "p.Foo",
            "package p;",
            "import dev.asyncdsl.*;",
            "public class Foo extends q.Errors {",
            "  @Async @CircuitBreaker(skipOn = Busy.class) public String load() {",
            "    return \"\";",
            "  }",
            "}");
    Compilation compilation = Compilers.strict().compile(busy, foo);
    // javac itself rejects naming q.Errors.Busy from p; the processor adds nothing worse.
    assertThat(compilation).failed();
  }

  // ---------------------------------------------------------------- RETRY_ON_UNTHROWN_CHECKED

  @Test
  void checkedExceptionTheMethodCannotThrowWarns() {
    JavaFileObject foo =
        foo(
            "  @Async @Retry(retryOn = {IllegalStateException.class, java.io.IOException.class})",
            "  public String load() {",
            "    return \"\";",
            "  }");
    assertOneWarning(
        foo,
        "@Retry(retryOn = IOException.class) on load() can never match: IOException is a checked"
            + " exception that the method does not declare; remove it from retryOn, or declare it"
            + tag(Message.RETRY_ON_UNTHROWN_CHECKED),
        5,
        76);
  }

  @Test
  void uncheckedExceptionTheMethodCannotThrowWarnsIsSuppressible() {
    JavaFileObject foo =
        foo(
            "  @SuppressWarnings(\"asyncdsl\")",
            "  @Async @Retry(retryOn = java.io.IOException.class) public String load() {",
            "    return \"\";",
            "  }");
    assertClean(foo);
  }

  @ParameterizedTest(name = "retryOn {0}, throws {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "java.io.IOException.class | throws java.io.IOException",
        "java.io.IOException.class | throws Exception",
        "java.io.IOException.class | throws java.io.FileNotFoundException",
        "java.io.FileNotFoundException.class | throws java.io.IOException",
        "Exception.class | ''",
        "Throwable.class | ''",
        "IllegalStateException.class | ''",
        "Error.class | ''",
        "java.util.concurrent.TimeoutException.class | ''",
      })
  void retryOnThatCanMatchIsQuiet(String retryOn, String throwsClause) {
    JavaFileObject foo =
        foo(
            "  @Async @Timeout(1) @Retry(retryOn = " + retryOn + ")",
            "  public String load() " + throwsClause + " {",
            "    return \"\";",
            "  }");
    assertClean(foo);
  }

  @Test
  void retryOnACheckedExceptionOfAStageReturningMethodIsQuiet() {
    // The stage may complete with any exception, declared or not.
    JavaFileObject foo =
        foo(
            "  @Async @Retry(retryOn = java.io.IOException.class)",
            "  public java.util.concurrent.CompletableFuture<String> load() {",
            "    return java.util.concurrent.CompletableFuture.completedFuture(\"\");",
            "  }");
    assertClean(foo);
  }

  @Test
  void typeLevelRetryOnWarnsOnlyWhenNoMethodThrowsIt() {
    JavaFileObject foo =
        named(
            "p.Foo",
            "@Retry(retryOn = java.io.IOException.class) public class Foo {",
            "  @Async public String read() throws java.io.IOException {",
            "    return \"\";",
            "  }",
            "  @Async public String cached() {",
            "    return \"\";",
            "  }");
    assertClean(foo);
  }

  // ---------------------------------------------------------------- FALLBACK_METHOD_NOT_FOUND

  @Test
  void fallbackNamingNoMethodListsTheCandidates() {
    JavaFileObject foo =
        foo(
            "  @Async @Fallback(method = \"fallbak\") public String load(String id) {",
            "    return id;",
            "  }",
            "  String fallback(String id) {",
            "    return id;",
            "  }",
            "  String onFailure(String id, Throwable failure) {",
            "    return id;",
            "  }",
            "  String unrelated(int id) {",
            "    return \"\";",
            "  }");
    assertOneError(
        foo,
        "@Fallback(method = \"fallbak\") for load(String): Foo has no method named fallbak;"
            + " name one that would fit: fallback(String), onFailure(String, Throwable)"
            + tag(Message.FALLBACK_METHOD_NOT_FOUND),
        5,
        29);
  }

  @Test
  void fallbackNamingNoMethodWithNothingToOffer() {
    JavaFileObject foo =
        foo(
            "  @Async @Fallback(method = \"fb\") public String load(String id, int n) {",
            "    return id;",
            "  }");
    assertOneError(
        foo,
        "@Fallback(method = \"fb\") for load(String, int): Foo has no method named fb;"
            + " declare fb(String, int), optionally followed by a Throwable parameter for the failure"
            + tag(Message.FALLBACK_METHOD_NOT_FOUND),
        5,
        29);
  }

  // ---------------------------------------------------------------- FALLBACK_METHOD_INACCESSIBLE

  @Test
  void privateFallback() {
    JavaFileObject foo =
        foo(
            "  @Async @Fallback(method = \"fb\") public String load(String id) {",
            "    return id;",
            "  }",
            "  private String fb(String id) {",
            "    return id;",
            "  }");
    assertOneError(
        foo,
        "@Fallback method fb(String) is private, so the generated twin, in package p, cannot call"
            + " it; make it package-private or public"
            + tag(Message.FALLBACK_METHOD_INACCESSIBLE),
        5,
        29);
  }

  @Test
  void protectedFallbackInheritedFromAnotherPackage() {
    JavaFileObject base =
        JavaFileObjects.forSourceLines(
            "q.Base",
            "package q;",
            "public class Base {",
            "  protected String fb(String id) {",
            "    return id;",
            "  }",
            "}");
    JavaFileObject foo =
        named(
            "p.Foo",
            "public class Foo extends q.Base {",
            "  @Async @Fallback(method = \"fb\") public String load(String id) {",
            "    return id;",
            "  }");
    Compilation compilation = Compilers.strict().compile(base, foo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "@Fallback method fb(String) is protected in Base of package q, so the generated twin,"
                + " in package p, cannot call it; make it public"
                + tag(Message.FALLBACK_METHOD_INACCESSIBLE))
        .inFile(foo)
        .onLine(5)
        .atColumn(29);
    assertNothingGenerated(compilation);
  }

  @Test
  void protectedFallbackOfTheSamePackageIsFine() {
    JavaFileObject foo =
        foo(
            "  @Async @Fallback(method = \"fb\") public String load(String id) {",
            "    return id;",
            "  }",
            "  protected String fb(String id) {",
            "    return id;",
            "  }");
    assertClean(foo);
  }

  // ---------------------------------------------------------------- FALLBACK_PARAMETERS_MISMATCH

  @Test
  void fallbackWithOtherParameters() {
    JavaFileObject foo =
        foo(
            "  @Async @Fallback(method = \"fb\") public String load(String id) {",
            "    return id;",
            "  }",
            "  String fb(int id) {",
            "    return \"\";",
            "  }",
            "  String fb(String id, String reason) {",
            "    return id;",
            "  }");
    assertOneError(
        foo,
        "@Fallback(method = \"fb\") for load(String) needs fb(String) or fb(String, Throwable);"
            + " Foo has no such method (found: fb(int), fb(String, String))"
            + tag(Message.FALLBACK_PARAMETERS_MISMATCH),
        5,
        29);
  }

  // ---------------------------------------------------------------- FALLBACK_RETURN_TYPE_MISMATCH

  @Test
  void fallbackWithOtherReturnType() {
    JavaFileObject foo =
        foo(
            "  @Async @Fallback(method = \"fb\") public String load(String id) {",
            "    return id;",
            "  }",
            "  Integer fb(String id) {",
            "    return 0;",
            "  }");
    assertOneError(
        foo,
        "@Fallback method fb(String) returns java.lang.Integer, which cannot stand for"
            + " java.lang.String, the result of load(String); return java.lang.String (or a subtype)"
            + tag(Message.FALLBACK_RETURN_TYPE_MISMATCH),
        5,
        29);
  }

  @Test
  void fallbackOfAVoidMethodMayReturnAnything() {
    JavaFileObject foo =
        foo(
            "  @Async @Fallback(method = \"fb\") public void save(String id) {",
            "  }",
            "  void fb(String id) {",
            "  }");
    assertClean(foo);
  }

  // ---------------------------------------------------------------- FALLBACK_NOT_STATIC

  @Test
  void instanceFallbackForAStaticMethod() {
    JavaFileObject foo =
        foo(
            "  @Async @Fallback(method = \"fb\") public static String load(String id) {",
            "    return id;",
            "  }",
            "  String fb(String id) {",
            "    return id;",
            "  }");
    assertOneError(
        foo,
        "@Fallback method fb(String) is an instance method, but load(String) is static and has no"
            + " instance to call it on; make fb(String) static"
            + tag(Message.FALLBACK_NOT_STATIC),
        5,
        29);
  }

  @Test
  void staticFallbackForAnInstanceMethodIsFine() {
    JavaFileObject foo =
        foo(
            "  @Async @Fallback(method = \"fb\") public String load(String id) {",
            "    return id;",
            "  }",
            "  static String fb(String id) {",
            "    return id;",
            "  }");
    assertClean(foo);
  }

  // ---------------------------------------------------------------- FALLBACK_FAILURE_TOO_NARROW

  @Test
  void fallbackTakingANarrowerFailureThanApplyOn() {
    JavaFileObject foo =
        foo(
            "  @Async @Fallback(method = \"fb\") public String load(String id) {",
            "    return id;",
            "  }",
            "  String fb(String id, java.io.IOException failure) {",
            "    return id;",
            "  }");
    assertOneError(
        foo,
        "@Fallback method fb(String, IOException) takes the failure as IOException, but applyOn"
            + " (by default Throwable) lets Throwable through, which is not one; take the failure as"
            + " Throwable (or a supertype), or narrow applyOn to IOException"
            + tag(Message.FALLBACK_FAILURE_TOO_NARROW),
        5,
        29);
  }

  @Test
  void fallbackFailureNarrowerThanAWrittenApplyOnPointsAtIt() {
    JavaFileObject foo =
        foo(
            "  @Async @Fallback(method = \"fb\", applyOn = {java.io.IOException.class, Exception.class})",
            "  public String load(String id) {",
            "    return id;",
            "  }",
            "  String fb(String id, java.io.IOException failure) {",
            "    return id;",
            "  }");
    assertOneError(
        foo,
        "@Fallback method fb(String, IOException) takes the failure as IOException, but applyOn"
            + " lets Exception through, which is not one; take the failure as Exception (or a"
            + " supertype), or narrow applyOn to IOException"
            + tag(Message.FALLBACK_FAILURE_TOO_NARROW),
        5,
        82);
  }

  @Test
  void fallbackFailureWiderThanApplyOnIsFine() {
    JavaFileObject foo =
        foo(
            "  @Async @Fallback(method = \"fb\", applyOn = java.io.IOException.class)",
            "  public String load(String id) throws java.io.IOException {",
            "    return id;",
            "  }",
            "  String fb(String id, Exception failure) {",
            "    return id;",
            "  }");
    assertClean(foo);
  }

  // ---------------------------------------------------------------- valid shapes

  @Test
  void overloadedFallbacksPickTheOneThatFits() {
    JavaFileObject foo =
        foo(
            "  @Async @Fallback(method = \"fb\") public String load(String id) {",
            "    return id;",
            "  }",
            "  String fb(String id, java.io.IOException failure) {",
            "    return id;",
            "  }",
            "  String fb(String id, Throwable failure) {",
            "    return id;",
            "  }",
            "  String fb(int id) {",
            "    return \"\";",
            "  }");
    assertClean(foo);
  }

  @Test
  void genericAndVarargsMethodsWithFallbacks() {
    JavaFileObject foo =
        foo(
            "  @Async @Fallback(method = \"first\")",
            "  public <T extends Comparable<T>> T pick(java.util.List<T> items) {",
            "    return items.get(0);",
            "  }",
            "  <U extends Comparable<U>> U first(java.util.List<U> items, Throwable failure) {",
            "    return items.get(0);",
            "  }",
            "  @Async @Fallback(method = \"none\") public int count(String... names) {",
            "    return names.length;",
            "  }",
            "  int none(String[] names) {",
            "    return 0;",
            "  }");
    assertClean(foo);
  }

  @Test
  void aMethodsOwnPolicyWinsOverItsTypes() {
    JavaFileObject foo =
        named(
            "p.Foo",
            "@Async @Fallback(method = \"fb\") @Retry(retryOn = java.io.IOException.class)"
                + " public class Foo {",
            "  public String load(String id) throws java.io.IOException {",
            "    return id;",
            "  }",
            "  @Fallback(method = \"other\") @Retry(maxRetries = 7)",
            "  public int count(int n) {",
            "    return n;",
            "  }",
            "  String fb(String id) {",
            "    return id;",
            "  }",
            "  int other(int n) {",
            "    return 0;",
            "  }");
    Compilation compilation = assertClean(foo);
    String twin = generated(compilation, "p.FooAsync");
    assertTrue(twin.contains("fb(id"), twin);
    assertTrue(twin.contains("other(n"), twin);
  }

  @Test
  void typeLevelFallbackMustFitEachMethodItAppliesTo() {
    JavaFileObject foo =
        named(
            "p.Foo",
            "@Async @Fallback(method = \"fb\") public class Foo {",
            "  public String load(String id) {",
            "    return id;",
            "  }",
            "  public int count(int n) {",
            "    return n;",
            "  }",
            "  String fb(String id) {",
            "    return id;",
            "  }");
    assertOneError(
        foo,
        "@Fallback(method = \"fb\") for count(int) needs fb(int) or fb(int, Throwable);"
            + " Foo has no such method (found: fb(String))"
            + tag(Message.FALLBACK_PARAMETERS_MISMATCH),
        4,
        27);
  }

  @Test
  void everyPolicyTogetherCompilesWithoutWarnings() {
    JavaFileObject foo =
        foo(
            "  @Async",
            "  @Timeout(value = 2, unit = TimeUnit.SECONDS)",
            "  @Retry(maxRetries = 5, delay = 100, jitter = 20, delayMultiplier = 2, maxDelay = 1,"
                + " maxDelayUnit = TimeUnit.SECONDS, maxDuration = 10, durationUnit = TimeUnit.SECONDS,"
                + " retryOn = java.io.IOException.class, abortOn = java.io.FileNotFoundException.class)",
            "  @Fallback(method = \"cached\", applyOn = Exception.class, skipOn = IllegalArgumentException.class)",
            "  @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 1,"
                + " delayUnit = TimeUnit.SECONDS, successThreshold = 2, failOn = Exception.class)",
            "  @Bulkhead(value = 2, waitingTaskQueue = 0)",
            "  public String load(String id) throws java.io.IOException {",
            "    return id;",
            "  }",
            "  String cached(String id, Exception failure) {",
            "    return id;",
            "  }");
    assertClean(foo);
  }

  @Test
  void aBadTypeDoesNotStopAnotherTypesTwin() {
    JavaFileObject bad =
        foo("  @Async @Retry(maxRetries = -2) public String load() {", "    return \"\";", "  }");
    JavaFileObject good =
        named(
            "p.Bar",
            "public class Bar {",
            "  @Async @Retry @Fallback(method = \"fb\") public String load() {",
            "    return \"\";",
            "  }",
            "  String fb() {",
            "    return \"\";",
            "  }");
    Compilation compilation = Compilers.strict().compile(bad, good);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(tag(Message.RETRY_MAX_RETRIES_BELOW_MINUS_ONE).trim())
        .inFile(bad)
        .onLine(5);
    assertTrue(Compilers.writtenSources(compilation).contains("p.BarAsync"));
    assertNotGenerated(compilation, "p.FooAsync");
  }

  // ---------------------------------------------------------------- fallbacks the twin could not
  // call

  /** Exactly one error with {@code tag}, on the {@code method} value of the @Fallback on line 5. */
  private static void assertFallbackError(Message message, String... body) {
    JavaFileObject foo = foo(body);
    Compilation compilation = Compilers.strict().compile(foo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(tag(message).trim())
        .inFile(foo)
        .onLine(5)
        .atColumn(body[0].indexOf("method = ") + "method = ".length() + 1);
    assertNothingGenerated(compilation);
  }

  @ParameterizedTest(name = "{0} / {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "java.util.List<String> | java.util.List<Integer>",
        "java.util.Map<String, Integer> | java.util.Map<String, Long>",
        "java.util.List<?> | java.util.List<? extends Number>",
        "java.util.List<? extends Number> | java.util.List<? super Number>",
        "java.util.List<? extends Number> | java.util.List<Number>",
      })
  void fallbackParametersThatDifferInTypeArguments(String mine, String theirs) {
    assertFallbackError(
        Message.FALLBACK_PARAMETER_TYPES_DIFFER,
        "  @Async @Fallback(method = \"fb\") public String load(" + mine + " ids) {",
        "    return \"\";",
        "  }",
        "  String fb(" + theirs + " ids) {",
        "    return \"\";",
        "  }");
  }

  @Test
  void fallbackParametersThatDifferInTypeArgumentsSayHow() {
    JavaFileObject foo =
        foo(
            "  @Async @Fallback(method = \"fb\") public String load(java.util.List<String> ids) {",
            "    return \"\";",
            "  }",
            "  String fb(java.util.List<Integer> ids) {",
            "    return \"\";",
            "  }");
    assertOneError(
        foo,
        "@Fallback method fb(List) takes java.util.List<java.lang.Integer> where load(List) takes"
            + " java.util.List<java.lang.String>; the twin passes the arguments on as they are,"
            + " so declare that parameter as java.util.List<java.lang.String>"
            + tag(Message.FALLBACK_PARAMETER_TYPES_DIFFER),
        5,
        29);
  }

  @ParameterizedTest(name = "{0} / {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "long | int | error",
        "long | Integer | error",
        "double | float | error",
        "int | char | error",
        "Long | long | OK",
        "long | Long | OK",
        "int | int | OK",
        "Number | int | OK",
        "Object | double | OK",
      })
  void fallbackReturnsThatTheTwinMustBox(String mine, String theirs, String fine) {
    String[] body = {
      "  @Async @Fallback(method = \"fb\") public " + mine + " get() {",
      "    throw new IllegalStateException();",
      "  }",
      "  " + theirs + " fb() {",
      "    return " + (theirs.equals("Long") ? "1L" : "1") + ";",
      "  }",
    };
    if ("OK".equals(fine)) {
      assertClean(foo(body));
    } else {
      assertFallbackError(Message.FALLBACK_RETURN_TYPE_MISMATCH, body);
    }
  }

  @Test
  void aWideningFallbackReturnSaysWhatFits() {
    JavaFileObject foo =
        foo(
            "  @Async @Fallback(method = \"fb\") public long get() {",
            "    return 1;",
            "  }",
            "  int fb() {",
            "    return 1;",
            "  }");
    assertOneError(
        foo,
        "@Fallback method fb() returns int, which cannot stand for long, the result of get();"
            + " return long or Long"
            + tag(Message.FALLBACK_RETURN_TYPE_MISMATCH),
        5,
        29);
  }

  @Test
  void aRawFallbackReturnIsNotTheParameterizedResult() {
    assertFallbackError(
        Message.FALLBACK_RETURN_TYPE_MISMATCH,
        "  @Async @Fallback(method = \"fb\") public java.util.List<String> get() {",
        "    return null;",
        "  }",
        "  @SuppressWarnings(\"rawtypes\") java.util.List fb() {",
        "    return null;",
        "  }");
  }

  @Test
  void aStageFallbackForAStageMethodMayBeAnyStageOfTheResult() {
    JavaFileObject foo =
        foo(
            "  @Async @Fallback(method = \"fb\")",
            "  public java.util.concurrent.CompletableFuture<Number> get() {",
            "    return null;",
            "  }",
            "  java.util.concurrent.CompletionStage<Integer> fb() {",
            "    return null;",
            "  }");
    assertClean(foo);
  }

  @Test
  void aGenericFallbackWhoseReturnDiffers() {
    assertFallbackError(
        Message.FALLBACK_RETURN_TYPE_MISMATCH,
        "  @Async @Fallback(method = \"fb\") public <T> T get(java.util.List<T> items) {",
        "    return items.get(0);",
        "  }",
        "  <U> java.util.List<U> fb(java.util.List<U> items) {",
        "    return items;",
        "  }");
  }

  @Test
  void aGenericFallbackWhoseParametersDiffer() {
    assertFallbackError(
        Message.FALLBACK_PARAMETER_TYPES_DIFFER,
        "  @Async @Fallback(method = \"fb\") public <K, V> V get(K key, V value) {",
        "    return value;",
        "  }",
        "  <A, B> B fb(B key, A value) {",
        "    return key;",
        "  }");
  }

  @Test
  void aGenericFallbackWithANarrowerBound() {
    JavaFileObject foo =
        foo(
            "  @Async @Fallback(method = \"fb\") public <T> T get(T item) {",
            "    return item;",
            "  }",
            "  <U extends Number> U fb(U item) {",
            "    return item;",
            "  }");
    assertOneError(
        foo,
        "@Fallback method fb(U) declares <U extends java.lang.Number>, which does not accept the"
            + " type variable T of get(T); declare its type variables with the bounds of get(T):"
            + " <T>"
            + tag(Message.FALLBACK_TYPE_VARIABLES_DIFFER),
        5,
        29);
  }

  @Test
  void aGenericFallbackWithAWiderOrRenamedBoundIsFine() {
    JavaFileObject foo =
        foo(
            "  @Async @Fallback(method = \"fb\")",
            "  public <T extends Comparable<? super T>> T get(java.util.List<T> items) {",
            "    return items.get(0);",
            "  }",
            "  <U extends Comparable<? super U>> U fb(java.util.List<U> items, Throwable failure) {",
            "    return items.get(0);",
            "  }",
            "  @Async @Fallback(method = \"other\") public <T extends Number> T pick(T item) {",
            "    return item;",
            "  }",
            "  <U> U other(U item) {",
            "    return item;",
            "  }");
    assertClean(foo);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"GET_POLICY", "FooAsync", "failure"})
  void aParameterNamedLikeWhatTheTwinUsesShadowsNothing(String name) {
    JavaFileObject foo =
        foo(
            "  @Async @Timeout(1) @Retry @Fallback(method = \"fb\") public String get(String "
                + name
                + ") {",
            "    return " + name + ";",
            "  }",
            "  @Async @Timeout(1) public String other(String FooAsync) {",
            "    return FooAsync;",
            "  }",
            "  String fb(String id) {",
            "    return id;",
            "  }");
    assertClean(foo);
  }

  // ---------------------------------------------------------------- fallbacks inherited from
  // generic types

  private static final String[] GENERIC_SUPERCLASSES = {
    "p.Pair|public class Pair<X, Y> {"
        + " public String fb(X a, Y b) { return \"pair \" + a + \" \" + b; } }",
    "p.Half|public class Half<Y> extends Pair<Integer, Y> { }",
    "p.Typed|public class Typed<T> {"
        + " public String fb(int a, T b) { return \"typed \" + a + \" \" + b; }"
        + " public T echo(T value, Throwable failure) { return value; } }",
    "p.Arrays|public class Arrays<T> {"
        + " public String fb(T[] a, Long b) { return \"array \" + a.length + \" \" + b; } }",
    "p.Failing|public class Failing<E extends Exception> {"
        + " public String fb(String id, E failure) { return \"failing \" + failure.getMessage(); } }",
  };

  private static List<JavaFileObject> genericSuperclasses() {
    List<JavaFileObject> files = new ArrayList<>();
    for (String entry : GENERIC_SUPERCLASSES) {
      String[] parts = entry.split("\\|", 2);
      files.add(JavaFileObjects.forSourceLines(parts[0], "package p;", parts[1]));
    }
    return files;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // the type variables resolved one level up, two levels up, and inside an array
        "Typed<Long> | String load(int a, Long b) | fb | typed 1 2 | 1, 2L",
        "Half<Long> | String load(Integer a, Long b) | fb | pair 1 2 | 1, 2L",
        "Arrays<Integer> | String load(Integer[] a, Long b) | fb | array 2 3 | new Integer[2], 3L",
        "Typed<String> | String load(String value) | echo | fallback | \"fallback\"",
        "Failing<IllegalStateException> | String load(String id) | fb | failing down | \"x\"",
      })
  void fallbacksInheritedFromGenericSuperclassesCompileAndRun(
      String superclass, String signature, String fallback, String expected, String arguments)
      throws Exception {
    String applyOn =
        fallback.equals("fb") && superclass.startsWith("Failing")
            ? ", applyOn = IllegalStateException.class"
            : "";
    JavaFileObject foo =
        named(
            "p.Foo",
            "public class Foo extends " + superclass + " {",
            "  @Async @Fallback(method = \""
                + fallback
                + "\""
                + applyOn
                + ") public "
                + signature
                + " {",
            "    throw new IllegalStateException(\"down\");",
            "  }",
            "  public static Object run() throws Exception {",
            "    return new FooAsync(new Foo()).load(" + arguments + ").get();",
            "  }");
    List<JavaFileObject> files = genericSuperclasses();
    files.add(foo);
    Compilation compilation = Compilers.strict().compile(files);
    assertThat(compilation).succeededWithoutWarnings();
    assertEquals(expected, Compilers.load(compilation, "p.Foo").getMethod("run").invoke(null));
  }

  // ---------------------------------------------------------------- deprecated names in the twin

  private static JavaFileObject deprecatedFailure(String annotation) {
    return JavaFileObjects.forSourceLines(
        "p.Old",
        "package p;",
        annotation + " public class Old extends RuntimeException {",
        "  private static final long serialVersionUID = 1L;",
        "}");
  }

  private static final String[] POLICIES_NAMING_OLD = {
    "@Retry(retryOn = Old.class)",
    "@Retry(abortOn = Old.class)",
    "@Fallback(method = \"fb\", applyOn = Old.class)",
    "@Fallback(method = \"fb\", skipOn = Old.class)",
    "@CircuitBreaker(failOn = Old.class)",
    "@CircuitBreaker(skipOn = Old.class)",
    "@Fallback(method = \"caught\", applyOn = Old.class)",
  };

  private static JavaFileObject namingOld(String policy, String suppression) {
    return foo(
        "  " + suppression + " @Async " + policy + " public String load(String id) {",
        "    return id;",
        "  }",
        "  String fb(String id) {",
        "    return id;",
        "  }",
        "  " + suppression + " String caught(String id, Old failure) {",
        "    return id;",
        "  }");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "@Deprecated | deprecation | 0",
        "@Deprecated | deprecation | 1",
        "@Deprecated | deprecation | 2",
        "@Deprecated | deprecation | 3",
        "@Deprecated | deprecation | 4",
        "@Deprecated | deprecation | 5",
        "@Deprecated | deprecation | 6",
        "@Deprecated(forRemoval = true) | removal | 0",
        "@Deprecated(forRemoval = true) | removal | 2",
        "@Deprecated(forRemoval = true) | removal | 4",
        "@Deprecated(forRemoval = true) | removal | 6",
      })
  void aDeprecatedFailureClassWarnsOnlyInTheUsersSource(String annotation, String key, int policy) {
    JavaFileObject old = deprecatedFailure(annotation);
    JavaFileObject quiet =
        namingOld(POLICIES_NAMING_OLD[policy], "@SuppressWarnings(\"" + key + "\")");
    assertThat(Compilers.strict().compile(old, quiet)).succeededWithoutWarnings();

    JavaFileObject loud = namingOld(POLICIES_NAMING_OLD[policy], "");
    Compilation compilation = Compilers.lenient().compile(old, loud);
    assertThat(compilation).succeeded();
    for (javax.tools.Diagnostic<? extends JavaFileObject> warning : compilation.warnings()) {
      assertTrue(
          warning.getSource() != null && warning.getSource().getName().endsWith("Foo.java"),
          () -> "a warning outside the user's source: " + warning);
    }
    assertTrue(!compilation.warnings().isEmpty(), "javac warns the user where they name Old");
    generated(compilation, "p.FooAsync");
  }

  private static JavaFileObject base(String annotation) {
    return JavaFileObjects.forSourceLines(
        "p.Base",
        "package p;",
        "public class Base {",
        "  " + annotation + " public String fb(String id) {",
        "    return id;",
        "  }",
        "}");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {"@Deprecated | deprecation", "@Deprecated(forRemoval = true) | removal"})
  void aDeprecatedInheritedFallbackWarnsOnTheAnnotation(String annotation, String key) {
    JavaFileObject foo =
        named(
            "p.Foo",
            "public class Foo extends Base {",
            "  @Async @Fallback(method = \"fb\") public String load(String id) {",
            "    return id;",
            "  }");
    Compilation compilation = Compilers.lenient().compile(base(annotation), foo);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation)
        .hadWarningContaining(
            "@Fallback method fb(String) is deprecated"
                + (key.equals("removal") ? " for removal" : "")
                + "; name a method that is not, or add @SuppressWarnings(\""
                + key
                + "\") to"
                + " load(String) to call it anyway"
                + tag(Message.FALLBACK_DEPRECATED))
        .inFile(foo)
        .onLine(5)
        .atColumn(29);
    generated(compilation, "p.FooAsync");

    JavaFileObject suppressed =
        named(
            "p.Foo",
            "public class Foo extends Base {",
            "  @SuppressWarnings(\"" + key + "\")",
            "  @Async @Fallback(method = \"fb\") public String load(String id) {",
            "    return id;",
            "  }");
    assertThat(Compilers.strict().compile(base(annotation), suppressed)).succeededWithoutWarnings();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"@Deprecated", "@Deprecated(forRemoval = true)"})
  void aDeprecatedFallbackOfTheSameClassIsQuiet(String annotation) {
    // javac does not warn on a use inside the class that declares the deprecated method.
    JavaFileObject foo =
        foo(
            "  @Async @Fallback(method = \"fb\") public String load(String id) {",
            "    return id;",
            "  }",
            "  " + annotation + " String fb(String id) {",
            "    return id;",
            "  }");
    assertClean(foo);
  }

  // ---------------------------------------------------------------- FALLBACK_METHOD_NAME_INVALID

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"", "fb()", "Foo.fb", " fb"})
  void fallbackNamingNoMethodName(String name) {
    JavaFileObject foo =
        foo(
            "  @Async @Fallback(method = \"" + name + "\") public String load(String id) {",
            "    return id;",
            "  }",
            "  String fb(String id) {",
            "    return id;",
            "  }");
    assertOneError(
        foo,
        "@Fallback(method = \""
            + name
            + "\") for load(String) is not the name of a method;"
            + " give the name alone, without parentheses or class; name one that would fit: fb(String)"
            + tag(Message.FALLBACK_METHOD_NAME_INVALID),
        5,
        29);
  }

  @Test
  void aFallbackWithoutItsMethodLeavesTheErrorToJavac() {
    // javac reports the missing member; the processor must not add a crash report of its own.
    JavaFileObject foo =
        foo("  @Async @Fallback public String load(String id) {", "    return id;", "  }");
    Compilation compilation = Compilers.strict().compile(foo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("method").inFile(foo).onLine(5);
  }

  @Test
  void overloadsWithAndWithoutTheFailurePickTheOneThatFits() {
    JavaFileObject foo =
        foo(
            "  @Async @Fallback(method = \"fb\") public String load(String id) {",
            "    return id;",
            "  }",
            "  String fb(String id) {",
            "    return id;",
            "  }",
            "  String fb(String id, java.io.IOException failure) {",
            "    return id;",
            "  }");
    String twin = generated(assertClean(foo), "p.FooAsync");
    assertTrue(twin.contains("failure -> this.target.fb(id)"), twin);
  }

  // ---------------------------------------------------------------- settings that never act

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "@Retry(retryOn = {}) | {} | @Retry(retryOn = {}) names no failure, so the call is never"
            + " retried; name the failures it should act on, or remove @Retry",
        "@Fallback(method = \"fb\", applyOn = {}) | {} | @Fallback(applyOn = {}) names no failure,"
            + " so the fallback never runs; name the failures it should act on, or remove @Fallback",
        "@CircuitBreaker(failOn = {}) | {} | @CircuitBreaker(failOn = {}) names no failure, so no"
            + " failure counts and the circuit never opens; name the failures it should act on,"
            + " or remove @CircuitBreaker",
      })
  void aPolicyMatchingNothingWarns(String policy, String at, String text) {
    String line =
        "  @Async " + policy + " public String load(String id) throws java.io.IOException {";
    JavaFileObject foo =
        foo(line, "    return id;", "  }", "  String fb(String id) {", "    return id;", "  }");
    assertOneWarning(foo, text + tag(Message.POLICY_MATCHES_NOTHING), 5, line.indexOf(at) + 1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "@Retry(retryOn = java.io.IOException.class, abortOn = Exception.class) | abortOn |"
            + " @Retry(abortOn) covers every class of retryOn (IOException), so the call is never"
            + " retried; narrow abortOn, or remove @Retry",
        "@Retry(abortOn = Throwable.class) | abortOn |"
            + " @Retry(abortOn) covers every class of retryOn (Exception), so the call is never"
            + " retried; narrow abortOn, or remove @Retry",
        "@Fallback(method = \"fb\", applyOn = {java.io.FileNotFoundException.class,"
            + " IllegalStateException.class}, skipOn = {RuntimeException.class, java.io.IOException.class})"
            + " | skipOn | @Fallback(skipOn) covers every class of applyOn (FileNotFoundException,"
            + " IllegalStateException),"
            + " so the fallback never runs; narrow skipOn, or remove @Fallback",
        "@CircuitBreaker(failOn = java.io.IOException.class, skipOn = Exception.class) | skipOn |"
            + " @CircuitBreaker(skipOn) covers every class of failOn (IOException), so no failure counts"
            + " and the circuit never opens; narrow skipOn, or remove @CircuitBreaker",
      })
  void anExclusionCoveringEveryMatchWarns(String policy, String member, String text) {
    String line =
        "  @Async " + policy + " public String load(String id) throws java.io.IOException {";
    JavaFileObject foo =
        foo(line, "    return id;", "  }", "  String fb(String id) {", "    return id;", "  }");
    int value = line.indexOf(member + " = ") + member.length() + 3;
    // javac places a class literal's position at its dot, an array's at its brace
    int column = (line.charAt(value) == '{' ? value : line.indexOf(".class", value)) + 1;
    assertOneWarning(foo, text + tag(Message.POLICY_EXCLUDES_EVERY_MATCH), 5, column);
  }

  @Test
  void settingsThatNeverActAreSuppressible() {
    JavaFileObject foo =
        foo(
            "  @SuppressWarnings({\"POLICY_MATCHES_NOTHING\", \"POLICY_EXCLUDES_EVERY_MATCH\"})",
            "  @Async @Retry(retryOn = {}) @CircuitBreaker(failOn = RuntimeException.class, skipOn = Exception.class)",
            "  public String load(String id) {",
            "    return id;",
            "  }");
    assertClean(foo);
  }

  @Test
  void anExclusionCoveringSomeMatchesIsQuiet() {
    JavaFileObject foo =
        foo(
            "  @Async @Retry(retryOn = java.io.IOException.class, abortOn = java.io.FileNotFoundException.class)",
            "  @Fallback(method = \"fb\", skipOn = IllegalStateException.class)",
            "  public String load(String id) throws java.io.IOException {",
            "    return id;",
            "  }",
            "  String fb(String id) {",
            "    return id;",
            "  }");
    assertClean(foo);
  }
}
