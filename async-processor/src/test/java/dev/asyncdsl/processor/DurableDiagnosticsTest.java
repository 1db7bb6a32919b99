package dev.asyncdsl.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.asyncdsl.processor.Compilers.assertNotGenerated;
import static dev.asyncdsl.processor.Compilers.generated;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.asyncdsl.processor.diagnostic.Message;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One test per diagnostic of {@code @Durable}: what would fail on a worker, perhaps on another
 * machine, is reported at compile time, on the element. Line numbers refer to the {@code
 * forSourceLines} below, line 1 first. What is accepted compiles under {@code -Xlint:all -Werror}.
 */
class DurableDiagnosticsTest {
  private static final String ACCEPTED =
      "accepted are primitives and their boxes, String, enums, UUID, BigDecimal, BigInteger,"
          + " Instant, LocalDate, LocalTime, LocalDateTime, OffsetDateTime, ZonedDateTime, Duration,"
          + " Period, public records (top-level or static) made of these, List, Set or Collection of"
          + " these, Map with String, enum or UUID keys and these as values, and arrays of these;"
          + " pass such a value instead, e.g. the id of what the job should load";

  private static String tag(Message message) {
    return "[asyncdsl:" + message.name() + "]";
  }

  /** {@code p.Foo} with {@code lines} as its body, from line 5 on. */
  private static JavaFileObject foo(String... lines) {
    String[] all = new String[lines.length + 5];
    all[0] = "package p;";
    all[1] = "import dev.asyncdsl.*;";
    all[2] = "import java.util.*;";
    all[3] = "public class Foo {";
    System.arraycopy(lines, 0, all, 4, lines.length);
    all[all.length - 1] = "}";
    return JavaFileObjects.forSourceLines("p.Foo", all);
  }

  // ---------------------------------------------------------------- DURABLE_ARGUMENT_TYPE

  @Test
  void argumentOfATypeJsonCannotReadBack() {
    JavaFileObject foo = foo("  @Durable public void send(String to,", "      Object payload) {}");
    Compilation compilation = Compilers.strict().compile(foo);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "@Durable method send(String, Object) cannot be stored as a job, whose arguments"
                + " JobRunr writes as JSON and reads back: parameter payload"
                + " has the type java.lang.Object, a class that is neither a record nor one of the"
                + " accepted types; "
                + ACCEPTED
                + " "
                + tag(Message.DURABLE_ARGUMENT_TYPE))
        .inFile(foo)
        .onLine(6);
    assertNotGenerated(compilation, "p.FooJobs");
  }

  @Test
  void argumentWithAnUnstorablePartNamesItsPath() {
    JavaFileObject foo =
        foo(
            "  public record Line(String sku, Optional<String> note) {}",
            "  public record Order(UUID id, List<Line> lines) {}",
            "  @Durable public static void place(Order order) {}");
    Compilation compilation = Compilers.strict().compile(foo);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "@Durable method place(Order) cannot be stored as a job, whose arguments JobRunr"
                + " writes as JSON and reads back: order.lines[].note (in"
                + " parameter order) has the type java.util.Optional<java.lang.String>, a class"
                + " that is neither a record nor one of the accepted types")
        .inFile(foo)
        .onLine(7);
    assertThat(compilation).hadErrorContaining(tag(Message.DURABLE_ARGUMENT_TYPE));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Map<Long, String> byId | a Map whose keys are not String, an enum or UUID",
        "List raw | a raw type, whose elements' type JSON cannot know",
        "List<? extends Number> numbers | a wildcard, which names no type to read back",
        "Runnable task | an interface, whose implementation JSON cannot know",
        "Thread thread | a class that is neither a record nor one of the accepted types",
        "Hidden hidden | a record that is not public",
        "Closed closed | a record whose canonical constructor is not public",
        "Secret secret | an enum the generated job request cannot name",
      })
  void argumentsJsonCannotRoundTrip(String parameter, String why) {
    JavaFileObject foo =
        foo(
            "  private record Hidden(String name) {}",
            "  private enum Secret { A }",
            "  public record Closed(String name) { Closed {} }",
            "  @SuppressWarnings(\"rawtypes\")",
            "  @Durable public static void run(" + parameter + ") {}");
    Compilation compilation = Compilers.strict().compile(foo);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(why).inFile(foo).onLine(9);
    assertThat(compilation).hadErrorContaining(tag(Message.DURABLE_ARGUMENT_TYPE));
  }

  @Test
  void everyAcceptedTypeCompilesWithoutWarnings() {
    JavaFileObject foo =
        foo(
            "  public enum Color { RED }",
            "  public record Tree(String name, List<Tree> children, Map<Color, int[]> paint) {}",
            "  public record Pair<A, B>(A first, B second) {}",
            "  @Durable public static void all(int a, long b, double c, boolean d, char e,",
            "      Integer f, String g, Color h, UUID i, java.math.BigDecimal j,",
            "      java.math.BigInteger k, java.time.Instant l, java.time.LocalDate m,",
            "      java.time.LocalTime n, java.time.LocalDateTime o, java.time.OffsetDateTime q,",
            "      java.time.ZonedDateTime r, java.time.Duration s, java.time.Period t,",
            "      Tree u, Pair<String, Long> v, Set<UUID> w, Collection<Color> x,",
            "      Map<String, List<Tree>> y, Map<UUID, Short> z, byte[][] bytes) {}",
            "  @Durable public static void varargs(String first, Color... rest) {}",
            "  @Durable public static void checked(String path) throws java.io.IOException {}");
    Compilation compilation = Compilers.strict().compile(foo);
    assertThat(compilation).succeededWithoutWarnings();
    String jobs = generated(compilation, "p.FooJobs");
    assertTrue(jobs.contains("public static JobId varargs(String first, Foo.Color... rest)"), jobs);
  }

  // ---------------------------------------------------------------- DURABLE_METHOD_NOT_PUBLIC

  @Test
  void methodThatIsNotPublic() {
    JavaFileObject foo = foo("  @Durable void refresh(String city) {}");
    Compilation compilation = Compilers.strict().compile(foo);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "@Durable method refresh(String) is package-private, but its jobs class is public,"
                + " for any package to enqueue it, and JobRunr builds its handler by reflection"
                + " from outside the package; make the method public "
                + tag(Message.DURABLE_METHOD_NOT_PUBLIC))
        .inFile(foo)
        .onLine(5);
    assertNotGenerated(compilation, "p.FooJobs");
  }

  @Test
  void methodThatIsNotPublicIsTheOnlyErrorThoughItHasPolicies() {
    JavaFileObject foo = foo("  @Durable @Timeout(5) @Retry void refresh(String city) {}");
    Compilation compilation = Compilers.strict().compile(foo);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(tag(Message.DURABLE_METHOD_NOT_PUBLIC))
        .inFile(foo)
        .onLine(5);
  }

  // ---------------------------------------------------------------- DURABLE_CLASS_NOT_PUBLIC

  @Test
  void classThatIsNotPublic() {
    JavaFileObject foo =
        JavaFileObjects.forSourceLines(
            "p.Foo",
            "package p;",
            "import dev.asyncdsl.Durable;",
            "public class Foo {",
            "  static class Worker {",
            "    @Durable public static void run(String task) {}",
            "  }",
            "}");
    Compilation compilation = Compilers.strict().compile(foo);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "@Durable method run(String) is in Worker, which is not public, so its jobs class,"
                + " which must be public for JobRunr to build the handler by reflection, could not"
                + " name it; make Worker public "
                + tag(Message.DURABLE_CLASS_NOT_PUBLIC))
        .inFile(foo)
        .onLine(5);
    assertNotGenerated(compilation, "p.Foo_WorkerJobs");
  }

  // ---------------------------------------------------------------- DURABLE_INNER_CLASS

  @Test
  void instanceMethodOfAnInnerClass() {
    JavaFileObject foo =
        foo("  public class Worker {", "    @Durable public void run(String task) {}", "  }");
    Compilation compilation = Compilers.strict().compile(foo);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "@Durable method run(String) is an instance method of the inner class Worker, whose"
                + " objects need an enclosing Foo the worker does not have; make Worker static,"
                + " or make the method static "
                + tag(Message.DURABLE_INNER_CLASS))
        .inFile(foo)
        .onLine(6);
  }

  @Test
  void staticMethodOfAnInnerClassIsFine() {
    Compilation compilation =
        Compilers.strict()
            .compile(
                foo("  public class Worker {", "    @Durable public static void run() {}", "  }"));
    assertThat(compilation).succeededWithoutWarnings();
    assertTrue(generated(compilation, "p.Foo_WorkerJobs").contains("Foo.Worker.run()"));
  }

  // ---------------------------------------------------------------- DURABLE_WORKER_CANNOT_BUILD

  @Test
  void instanceMethodOfAClassWithoutNoArgConstructor() {
    JavaFileObject foo =
        foo(
            "  private final String region;",
            "  public Foo(String region) {",
            "    this.region = region;",
            "  }",
            "  @Durable public void refresh(String city) {",
            "    System.out.println(region + city);",
            "  }");
    Compilation compilation = Compilers.lenient().compile(foo);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation)
        .hadWarningContaining(
            "@Durable method refresh(String) is an instance method, but the worker cannot build"
                + " Foo: it has no public no-arg constructor; register the instance to use with"
                + " DurableJobs.provide(Foo.class, supplier) (a Spring bean, for example) before"
                + " the workers start, else the job fails; or make the method static, or give Foo"
                + " a public no-arg constructor "
                + tag(Message.DURABLE_WORKER_CANNOT_BUILD))
        .inFile(foo)
        .onLine(9);
    generated(compilation, "p.FooJobs");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "public abstract class Foo | public void run(String task) {} | is abstract",
        "public interface Foo | default void run(String task) {} | is an interface",
        "public record Foo(int size) | public void run(String task) {} | is a record",
      })
  void instanceMethodOfATypeWithoutConstructor(String declaration, String method, String why) {
    JavaFileObject foo =
        JavaFileObjects.forSourceLines(
            "p.Foo",
            "package p;",
            "import dev.asyncdsl.Durable;",
            declaration + " {",
            "  @Durable",
            "  " + method,
            "}");
    Compilation compilation = Compilers.lenient().compile(foo);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation)
        .hadWarningContaining("the worker cannot build Foo: it " + why)
        .inFile(foo)
        .onLine(5);
    assertTrue(generated(compilation, "p.FooJobs").contains("DurableJobs.provide"));
  }

  @Test
  void suppressedWhereTheInstanceIsRegistered() {
    JavaFileObject foo =
        foo(
            "  public Foo(String region) {}",
            "  @SuppressWarnings(\"DURABLE_WORKER_CANNOT_BUILD\")",
            "  @Durable public void refresh(String city) {}");
    assertThat(Compilers.strict().compile(foo)).succeededWithoutWarnings();
  }

  // ---------------------------------------------------------------- DURABLE_TYPE_VARIABLES

  @Test
  void genericMethod() {
    JavaFileObject foo = foo("  @Durable public static <T> void send(String to) {}");
    Compilation compilation = Compilers.strict().compile(foo);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "@Durable method send(String) declares type variables, and a job stores no type"
                + " arguments, so the worker could not tell what T stands for; use concrete types "
                + tag(Message.DURABLE_TYPE_VARIABLES))
        .inFile(foo)
        .onLine(5);
  }

  @Test
  void instanceMethodOfAGenericClass() {
    JavaFileObject box =
        JavaFileObjects.forSourceLines(
            "p.Box",
            "package p;",
            "import dev.asyncdsl.Durable;",
            "public class Box<V> {",
            "  @Durable public void clear(String key) {}",
            "}");
    Compilation compilation = Compilers.strict().compile(box);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "@Durable method clear(String) is an instance method of Box, which declares type"
                + " variables, and a job stores no type arguments, so the worker could not tell"
                + " what V stands for")
        .inFile(box)
        .onLine(4);
    assertThat(compilation).hadErrorContaining(tag(Message.DURABLE_TYPE_VARIABLES));
  }

  // ---------------------------------------------------------------- POLICY_VALUE_NEGATIVE

  @Test
  void negativeRetries() {
    JavaFileObject foo = foo("  @Durable(retries = -1) public static void run() {}");
    Compilation compilation = Compilers.strict().compile(foo);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "@Durable(retries = -1) must not be negative; give 0 or more "
                + tag(Message.POLICY_VALUE_NEGATIVE))
        .inFile(foo)
        .onLine(5)
        .atColumn(22);
  }

  // ---------------------------------------------------------------- DURABLE_RESULT_DROPPED

  @Test
  void resultIsDropped() {
    JavaFileObject foo =
        foo("  @Durable public static int rebuild(int shard) {", "    return shard;", "  }");
    Compilation compilation = Compilers.lenient().compile(foo);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation)
        .hadWarningContaining(
            "@Durable method rebuild(int) returns int, which is dropped: JobRunr's open-source"
                + " edition keeps no job results; return void and store what later work needs, or"
                + " add @SuppressWarnings(\"DURABLE_RESULT_DROPPED\") to keep the method as it is "
                + tag(Message.DURABLE_RESULT_DROPPED))
        .inFile(foo)
        .onLine(5);
  }

  @Test
  void droppedResultSuppressedCompilesWithoutWarnings() {
    JavaFileObject foo =
        foo(
            "  @SuppressWarnings(\"DURABLE_RESULT_DROPPED\")",
            "  @Durable public static int rebuild(int shard) {",
            "    return shard;",
            "  }",
            "  @Durable public static java.util.concurrent.CompletableFuture<Void> warm() {",
            "    return java.util.concurrent.CompletableFuture.completedFuture(null);",
            "  }");
    assertThat(Compilers.strict().compile(foo)).succeededWithoutWarnings();
  }

  // ---------------------------------------------------------------- DURABLE_PER_PROCESS_POLICY

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "@Bulkhead(2) | Bulkhead | two workers run twice as many at once as it allows",
        "@CircuitBreaker | CircuitBreaker | it opens in one worker while the others go on failing",
      })
  void perProcessPolicy(String annotation, String name, String effect) {
    JavaFileObject foo = foo("  @Durable " + annotation, "  public static void run() {}");
    Compilation compilation = Compilers.lenient().compile(foo);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation)
        .hadWarningContaining(
            "@"
                + name
                + " on @Durable method run() counts only the jobs of one worker process, not of"
                + " all the workers that share the jobs, so "
                + effect
                + "; limit the work with JobRunr's worker count, or remove @"
                + name
                + ", or add @SuppressWarnings(\"DURABLE_PER_PROCESS_POLICY\") if a per-process"
                + " limit is what you mean "
                + tag(Message.DURABLE_PER_PROCESS_POLICY))
        .inFile(foo)
        .onLine(5)
        .atColumn(12);
    assertTrue(generated(compilation, "p.FooJobs").contains("await(FooAsync.run())"));
  }

  // ---------------------------------------------------------------- DURABLE_NAME_CLASH

  @Test
  void entryPointsClash() {
    JavaFileObject foo =
        foo(
            "  @Durable public static void refresh(String city) {}",
            "  @Durable public static void refreshAt(java.time.Instant at, String city) {}");
    Compilation compilation = Compilers.strict().compile(foo);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "@Durable method refreshAt(Instant, String) would get the entry point"
                + " refreshAt(java.time.Instant, java.lang.String), which is also an entry point"
                + " of refresh(String); rename the method "
                + tag(Message.DURABLE_NAME_CLASH))
        .inFile(foo)
        .onLine(6);
  }

  @Test
  void entryPointClashesWithAnObjectMethod() {
    JavaFileObject foo = foo("  @Durable public String toString() {", "    return \"\";", "  }");
    Compilation compilation = Compilers.lenient().compile(foo);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "@Durable method toString() would get the entry point toString(), which clashes"
                + " with Object.toString(); rename the method")
        .inFile(foo)
        .onLine(5);
  }

  @Test
  void overloadsGetNumberedRequestsAndHandlers() {
    JavaFileObject foo =
        foo(
            "  @Durable public static void refresh(String city) {}",
            "  @Durable public static void refresh(String city, int day) {}",
            "  @Durable public static void copy(String context, String at) {}");
    Compilation compilation = Compilers.strict().compile(foo);
    assertThat(compilation).succeededWithoutWarnings();
    String jobs = generated(compilation, "p.FooJobs");
    assertTrue(jobs.contains("public record RefreshJob2(String city, int day,"), jobs);
    assertTrue(jobs.contains("public static final class RefreshHandler2"), jobs);
    assertTrue(jobs.contains("REFRESH_METHOD_2"), jobs);
    assertTrue(jobs.contains("public record CopyJob(String context_, String at,"), jobs);
    assertTrue(jobs.contains("Foo.copy(job.context_(), job.at());"), jobs);
    assertTrue(
        jobs.contains("public static JobId copyAt(Instant at_, String context, String at)"), jobs);
  }

  // ---------------------------------------------------------------- DURABLE_IN_UNNAMED_TYPE

  @Test
  void inAnonymousAndLocalClasses() {
    JavaFileObject foo =
        foo(
            "  public static Runnable task() {",
            "    class Local {",
            "      @Durable public void run() {}",
            "    }",
            "    return new Runnable() {",
            "      @dev.asyncdsl.Durable @Override public void run() {}",
            "    };",
            "  }");
    Compilation compilation = Compilers.strict().compile(foo);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining(
            "@Durable cannot be used in a local class: a worker can neither name its class nor"
                + " build it; move the method to a public top-level class, or a public static"
                + " nested one "
                + tag(Message.DURABLE_IN_UNNAMED_TYPE))
        .inFile(foo)
        .onLine(7);
    assertThat(compilation)
        .hadErrorContaining("@Durable cannot be used in an anonymous class")
        .inFile(foo)
        .onLine(10);
  }

  @Test
  void generatedNamesNeverClashWithEachOtherNorHideTheUsersType() {
    JavaFileObject refreshJob =
        JavaFileObjects.forSourceLines(
            "p.RefreshJob",
            "package p;",
            "import dev.asyncdsl.Durable;",
            "public class RefreshJob {",
            "  @Durable public void refresh(String city) {}",
            "  @Durable public static void fooBar(int DurableJobs) {}",
            "  @Durable public static void foo_bar(String DurableContext) {}",
            "  @Durable public static void Refresh(String RefreshJob) {}",
            "}");
    Compilation compilation = Compilers.strict().compile(refreshJob);
    assertThat(compilation).succeededWithoutWarnings();
    String jobs = generated(compilation, "p.RefreshJobJobs");
    assertTrue(jobs.contains("FOO_BAR_METHOD_2"), jobs);
    assertTrue(jobs.contains("record RefreshJob2("), jobs);
  }

  // ---------------------------------------------------------------- UNRESOLVED_TYPES

  @Test
  void argumentTypeThatNeverResolves() {
    JavaFileObject foo = foo("  @Durable public static void pay(Missing amount) {}");
    Compilation compilation = Compilers.strict().compile(foo);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation).hadErrorContaining("cannot find symbol").inFile(foo).onLine(5);
    assertThat(compilation)
        .hadErrorContaining(
            "cannot generate the jobs class of p.Foo: its @Durable methods use types that never"
                + " resolved (see the errors about missing symbols); fix those first "
                + tag(Message.UNRESOLVED_TYPES))
        .inFile(foo)
        .onLine(4);
    assertNotGenerated(compilation, "p.FooJobs");
  }

  // ---------------------------------------------------------------- JOBS_NAME_TAKEN

  @Test
  void deprecatedMethodAndClassCompileWithoutWarnings() {
    JavaFileObject old =
        JavaFileObjects.forSourceLines(
            "p.Old",
            "package p;",
            "import dev.asyncdsl.Durable;",
            "@Deprecated",
            "public class Old {",
            "  @Deprecated(forRemoval = true) @Durable public void run(String task) {}",
            "  @Durable @dev.asyncdsl.Timeout(5) public static void slow() {}",
            "}");
    Compilation compilation = Compilers.strict().compile(old);
    assertThat(compilation).succeededWithoutWarnings();
    generated(compilation, "p.OldJobs");
  }

  @Test
  void jobsClassNameTaken() {
    JavaFileObject foo = foo("  @Durable public static void run() {}");
    JavaFileObject taken =
        JavaFileObjects.forSourceLines("p.FooJobs", "package p;", "class FooJobs {}");
    Compilation compilation = Compilers.strict().compile(foo, taken);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "cannot generate the jobs class of Foo: a type named p.FooJobs already exists;"
                + " rename that type, or rename Foo "
                + tag(Message.JOBS_NAME_TAKEN))
        .inFile(foo)
        .onLine(4);
  }

  // ---------------------------------------------------------------- beside @Async

  @Test
  void durableBesideAsyncGeneratesBoth() {
    JavaFileObject foo =
        foo(
            "  @Async @Durable public void refresh(String city) {}",
            "  @Async @Durable @Timeout(5) public static String rebuild(int shard) {",
            "    return \"\" + shard;",
            "  }");
    Compilation compilation =
        Compilers.strict()
            .withOptions("-Xlint:all", "-Werror", "-Aasyncdsl.suppress=DURABLE_RESULT_DROPPED")
            .compile(foo);
    assertThat(compilation).succeededWithoutWarnings();
    assertTrue(generated(compilation, "p.FooAsync").contains("refresh(String city)"));
    String jobs = generated(compilation, "p.FooJobs");
    assertTrue(jobs.contains(".refresh(job.city())"), jobs);
    assertTrue(jobs.contains("await(FooAsync.rebuild(job.shard()))"), jobs);
  }

  @Test
  void anErrorInTheTwinSkipsTheJobsToo() {
    JavaFileObject foo = foo("  @Durable @Timeout(0) public static void run() {}");
    Compilation compilation = Compilers.strict().compile(foo);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(tag(Message.TIMEOUT_NOT_POSITIVE));
    assertNotGenerated(compilation, "p.FooJobs");
  }
}
