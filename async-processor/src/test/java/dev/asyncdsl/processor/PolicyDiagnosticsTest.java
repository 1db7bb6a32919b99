package dev.asyncdsl.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.asyncdsl.processor.Compilers.assertNotGenerated;
import static dev.asyncdsl.processor.Compilers.assertNothingGenerated;
import static dev.asyncdsl.processor.Compilers.generated;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.asyncdsl.processor.validation.Message;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One test (at least) per diagnostic of the fault-tolerance annotations, {@code @Retry}, {@code
 * @Fallback}, {@code @Bulkhead} and {@code @CircuitBreaker}, and the valid shapes that must stay
 * quiet. Sources made by {@link #foo} start their body on line 5.
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
  private static void assertOneError(
      JavaFileObject file, String text, int line, int column) {
    Compilation compilation = Compilers.strict().compile(file);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(text)
        .inFile(file)
        .onLine(line)
        .atColumn(column);
    assertNothingGenerated(compilation);
  }

  /** Succeeds with exactly one warning, {@code text}, at line and column, and writes the twin. */
  private static void assertOneWarning(
      JavaFileObject file, String text, int line, int column) {
    Compilation compilation = Compilers.lenient().compile(file);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation)
        .hadWarningContaining(text)
        .inFile(file)
        .onLine(line)
        .atColumn(column);
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
  @ValueSource(
      strings = {"Retry", "Fallback(method = \"fb\")", "Bulkhead", "CircuitBreaker"})
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
        "@" + simple + " on load(String) has no effect because no @Async applies to it;"
            + " add @Async (to it, or to its class) or remove @" + simple
            + tag(Message.POLICY_WITHOUT_ASYNC),
        5,
        3);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {"Retry", "Fallback(method = \"fb\")", "Bulkhead", "CircuitBreaker"})
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
        "@" + simple + " on Foo has no effect because no @Async applies to it;"
            + " add @Async (to it, or to its methods) or remove @" + simple
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

  // ---------------------------------------------------------------- RETRY_MAX_RETRIES_BELOW_MINUS_ONE

  @Test
  void maxRetriesBelowMinusOne() {
    JavaFileObject foo =
        foo(
            "  @Async @Retry(maxRetries = -2) public String load() {",
            "    return \"\";",
            "  }");
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
        foo(
            "  @Async " + written + " public String load() {",
            "    return \"\";",
            "  }");
    assertOneError(
        foo,
        written + " must not be negative; give 0 or more"
            + tag(Message.POLICY_VALUE_NEGATIVE),
        5,
        10 + written.indexOf('-'));
  }

  // ---------------------------------------------------------------- RETRY_DURATION_NOT_LONGER_THAN_DELAY

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
    int column = 35 + (written.contains("/") ? written.indexOf('/') : written.startsWith("-") ? 0 : 0);
    assertOneError(
        foo,
        "@Retry(delayMultiplier = " + shown + ") must be a number of at least 1: 1 keeps the delay"
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

  // ---------------------------------------------------------------- RETRY_MAX_DELAY_WITHOUT_BACKOFF

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
        "@CircuitBreaker(failureRatio = " + shown + ") must be between 0 and 1, the share of"
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
        foo(
            "  @Async " + written + " public String load() {",
            "    return \"\";",
            "  }");
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
        "@" + annotation + " names IOException.class in both " + include + " and " + exclude
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
        foo(
            "  @Async @Retry(maxRetries = -2) public String load() {",
            "    return \"\";",
            "  }");
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
}
