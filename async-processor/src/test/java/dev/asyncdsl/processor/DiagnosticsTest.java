package dev.asyncdsl.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.asyncdsl.processor.Compilers.assertNotGenerated;
import static dev.asyncdsl.processor.Compilers.assertNothingGenerated;
import static dev.asyncdsl.processor.Compilers.generated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.asyncdsl.processor.diagnostic.Message;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One test per diagnostic of {@link Message}: what triggers it, how many errors there are, and
 * where each is reported. Line numbers refer to the {@code forSourceLines} below, line 1 first.
 */
class DiagnosticsTest {

  private static String tag(Message message) {
    return "[asyncdsl:" + message.name() + "]";
  }

  // ---------------------------------------------------------------- ASYNC_PRIVATE_METHOD

  @Test
  void asyncOnPrivateMethod() {
    JavaFileObject foo =
        JavaFileObjects.forSourceLines(
            "p.Foo",
            "package p;",
            "import dev.asyncdsl.Async;",
            "public class Foo {",
            "  @Async private String load() {",
            "    return \"\";",
            "  }",
            "  @Async public String fine() {",
            "    return load();",
            "  }",
            "}");
    Compilation compilation = Compilers.strict().compile(foo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "@Async method load() is private, so the generated twin cannot call it;"
                + " make it package-private, protected or public "
                + tag(Message.ASYNC_PRIVATE_METHOD))
        .inFile(foo)
        .onLine(4)
        .atColumn(25);
    assertNothingGenerated(compilation);
  }

  @Test
  void asyncOnPrivateInterfaceMethod() {
    JavaFileObject api =
        JavaFileObjects.forSourceLines(
            "p.Api",
            "package p;",
            "import dev.asyncdsl.Async;",
            "public interface Api {",
            "  @Async private String helper(int x) {",
            "    return \"\" + x;",
            "  }",
            "}");
    Compilation compilation = Compilers.strict().compile(api);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("@Async method helper(int) is private")
        .inFile(api)
        .onLine(4);
    assertThat(compilation)
        .hadErrorContaining(tag(Message.ASYNC_PRIVATE_METHOD))
        .inFile(api)
        .onLine(4)
        .atColumn(25);
    assertNothingGenerated(compilation);
  }

  // ---------------------------------------------------------------- ASYNC_IN_PRIVATE_TYPE

  @Test
  void methodLevelAsyncInPrivateNestedClass() {
    JavaFileObject outer =
        JavaFileObjects.forSourceLines(
            "p.Outer",
            "package p;",
            "import dev.asyncdsl.Async;",
            "public class Outer {",
            "  private static class Worker {",
            "    @Async String run() {",
            "      return \"\";",
            "    }",
            "  }",
            "}");
    Compilation compilation = Compilers.strict().compile(outer);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "@Async cannot be used in Worker because it is private: the generated twin"
                + " Outer_WorkerAsync lives beside it and cannot call it;"
                + " make Worker package-private or public "
                + tag(Message.ASYNC_IN_PRIVATE_TYPE))
        .inFile(outer)
        .onLine(5)
        .atColumn(19);
    assertNothingGenerated(compilation);
  }

  @Test
  void typeLevelAsyncOnPrivateNestedClass() {
    JavaFileObject outer =
        JavaFileObjects.forSourceLines(
            "p.Outer",
            "package p;",
            "import dev.asyncdsl.Async;",
            "public class Outer {",
            "  @Async",
            "  private static class Worker {",
            "    public String run() {",
            "      return \"\";",
            "    }",
            "  }",
            "}");
    Compilation compilation = Compilers.strict().compile(outer);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("@Async cannot be used in Worker because it is private")
        .inFile(outer)
        .onLine(5)
        .atColumn(18);
    assertThat(compilation)
        .hadErrorContaining(tag(Message.ASYNC_IN_PRIVATE_TYPE))
        .inFile(outer)
        .onLine(5);
    assertNothingGenerated(compilation);
  }

  @Test
  void asyncInClassNestedInsidePrivateClass() {
    JavaFileObject outer =
        JavaFileObjects.forSourceLines(
            "p.Outer",
            "package p;",
            "import dev.asyncdsl.Async;",
            "public class Outer {",
            "  private static class Hidden {",
            "    static class Worker {",
            "      @Async String run() {",
            "        return \"\";",
            "      }",
            "    }",
            "  }",
            "}");
    Compilation compilation = Compilers.strict().compile(outer);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    // The private type named is the enclosing one; the twin is the nested type's.
    assertThat(compilation)
        .hadErrorContaining(
            "@Async cannot be used in Hidden because it is private: the generated twin"
                + " Outer_Hidden_WorkerAsync lives beside it")
        .inFile(outer)
        .onLine(6);
    assertThat(compilation)
        .hadErrorContaining(tag(Message.ASYNC_IN_PRIVATE_TYPE))
        .inFile(outer)
        .onLine(6);
    assertNothingGenerated(compilation);
  }

  // ---------------------------------------------------------------- ASYNC_IN_LOCAL_TYPE

  @Test
  void asyncInLocalClass() {
    JavaFileObject foo =
        JavaFileObjects.forSourceLines(
            "p.Foo",
            "package p;",
            "import dev.asyncdsl.Async;",
            "public class Foo {",
            "  String outer() {",
            "    class Local {",
            "      @Async String run() {",
            "        return \"\";",
            "      }",
            "    }",
            "    return new Local().run();",
            "  }",
            "}");
    Compilation compilation = Compilers.strict().compile(foo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "@Async cannot be used in a local class: no twin can be generated for a class declared"
                + " inside a method; move the class out of the method, to a member or top-level"
                + " class "
                + tag(Message.ASYNC_IN_LOCAL_TYPE))
        .inFile(foo)
        .onLine(6)
        .atColumn(21);
    assertNothingGenerated(compilation);
  }

  @Test
  void typeLevelAsyncOnLocalRecordInLambda() {
    // Fully qualified, no import: the scanner matches the spelling dev.asyncdsl.Async.
    JavaFileObject foo =
        JavaFileObjects.forSourceLines(
            "p.Foo",
            "package p;",
            "import java.util.function.Supplier;",
            "public class Foo {",
            "  static final Supplier<String> MAKER = () -> {",
            "    @dev.asyncdsl.Async",
            "    record Local(String name) {",
            "      public String greet() {",
            "        return \"hi \" + name;",
            "      }",
            "    }",
            "    return new Local(\"x\").greet();",
            "  };",
            "}");
    Compilation compilation = Compilers.strict().compile(foo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(tag(Message.ASYNC_IN_LOCAL_TYPE))
        .inFile(foo)
        .onLine(6)
        .atColumn(5);
    assertNothingGenerated(compilation);
  }

  // ---------------------------------------------------------------- ASYNC_IN_ANONYMOUS_TYPE

  @Test
  void asyncInAnonymousClass() {
    JavaFileObject foo =
        JavaFileObjects.forSourceLines(
            "p.Foo",
            "package p;",
            "import dev.asyncdsl.Async;",
            "public class Foo {",
            "  Runnable task() {",
            "    return new Runnable() {",
            "      @Async",
            "      @Override",
            "      public void run() {}",
            "    };",
            "  }",
            "}");
    Compilation compilation = Compilers.strict().compile(foo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "@Async cannot be used in an anonymous class: no twin can be generated for a class"
                + " without a name; move the method to a named member or top-level class "
                + tag(Message.ASYNC_IN_ANONYMOUS_TYPE))
        .inFile(foo)
        .onLine(8)
        .atColumn(19);
    assertNothingGenerated(compilation);
  }

  @Test
  void asyncInAnonymousClassOfFieldInitializer() {
    JavaFileObject foo =
        JavaFileObjects.forSourceLines(
            "p.Foo",
            "package p;",
            "import dev.asyncdsl.*;",
            "public class Foo {",
            "  final Object helper = new Object() {",
            "    @Async String name() {",
            "      return \"helper\";",
            "    }",
            "  };",
            "}");
    Compilation compilation = Compilers.strict().compile(foo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(tag(Message.ASYNC_IN_ANONYMOUS_TYPE))
        .inFile(foo)
        .onLine(5)
        .atColumn(19);
    assertNothingGenerated(compilation);
  }

  @Test
  void asyncInEnumConstantBody() {
    JavaFileObject op =
        JavaFileObjects.forSourceLines(
            "p.Op",
            "package p;",
            "import dev.asyncdsl.Async;",
            "public enum Op {",
            "  PLUS {",
            "    @Async",
            "    @Override",
            "    public int apply(int a, int b) {",
            "      return a + b;",
            "    }",
            "  };",
            "",
            "  public abstract int apply(int a, int b);",
            "}");
    Compilation compilation = Compilers.strict().compile(op);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(tag(Message.ASYNC_IN_ANONYMOUS_TYPE))
        .inFile(op)
        .onLine(7)
        .atColumn(16);
    assertNothingGenerated(compilation);
  }

  // ---------------------------------------------------------------- ASYNC_ON_ANNOTATION_TYPE

  @Test
  void asyncOnAnnotationType() {
    JavaFileObject tag =
        JavaFileObjects.forSourceLines(
            "p.Tag",
            "package p;",
            "import dev.asyncdsl.Async;",
            "@Async",
            "public @interface Tag {",
            "  String value();",
            "}");
    Compilation compilation = Compilers.strict().compile(tag);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "@Async cannot be used in the annotation type Tag: its members are not methods to"
                + " call; remove @Async "
                + tag(Message.ASYNC_ON_ANNOTATION_TYPE))
        .inFile(tag)
        .onLine(4)
        .atColumn(9);
    assertNothingGenerated(compilation);
  }

  @Test
  void asyncOnAnnotationTypeMember() {
    JavaFileObject tag =
        JavaFileObjects.forSourceLines(
            "p.Tag",
            "package p;",
            "import dev.asyncdsl.Async;",
            "public @interface Tag {",
            "  @Async String value();",
            "}");
    Compilation compilation = Compilers.strict().compile(tag);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(tag(Message.ASYNC_ON_ANNOTATION_TYPE))
        .inFile(tag)
        .onLine(4);
    assertNothingGenerated(compilation);
  }

  // ---------------------------------------------------------------- ASYNC_TYPE_WITHOUT_METHODS

  @Test
  void typeLevelAsyncWithoutPublicMethodsWarns() {
    JavaFileObject empty =
        JavaFileObjects.forSourceLines(
            "p.Empty",
            "package p;",
            "import dev.asyncdsl.Async;",
            "@Async",
            "public class Empty {",
            "  String hidden() {",
            "    return \"\";",
            "  }",
            "  @Override",
            "  public String toString() {",
            "    return hidden();",
            "  }",
            "}");
    Compilation compilation = Compilers.lenient().compile(empty);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadErrorCount(0);
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation)
        .hadWarningContaining(
            "@Async on Empty has no effect: it declares no public method to run asynchronously;"
                + " add @Async to the methods you mean, or remove it "
                + tag(Message.ASYNC_TYPE_WITHOUT_METHODS))
        .inFile(empty)
        .onLine(4)
        .atColumn(8);
    assertNothingGenerated(compilation);
  }

  @Test
  void typeLevelAsyncWithoutPublicMethodsFailsUnderWerror() {
    JavaFileObject empty =
        JavaFileObjects.forSourceLines(
            "p.Empty", "package p;", "@dev.asyncdsl.Async", "public class Empty {}");
    Compilation compilation = Compilers.strict().compile(empty);
    assertThat(compilation).failed();
    assertThat(compilation)
        .hadWarningContaining(tag(Message.ASYNC_TYPE_WITHOUT_METHODS))
        .inFile(empty)
        .onLine(3);
  }

  // ---------------------------------------------------------------- ASYNC_OBJECT_METHOD

  @Test
  void asyncOnToString() {
    JavaFileObject foo =
        JavaFileObjects.forSourceLines(
            "p.Foo",
            "package p;",
            "import dev.asyncdsl.Async;",
            "public class Foo {",
            "  @Async",
            "  @Override",
            "  public String toString() {",
            "    return \"Foo\";",
            "  }",
            "}");
    Compilation compilation = Compilers.strict().compile(foo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "@Async method toString() would clash with Object.toString() in the twin, which every"
                + " class inherits; rename the method or remove @Async "
                + tag(Message.ASYNC_OBJECT_METHOD))
        .inFile(foo)
        .onLine(6)
        .atColumn(17);
    assertNothingGenerated(compilation);
  }

  @Test
  void asyncOnEqualsNamesObjectParameter() {
    JavaFileObject foo =
        JavaFileObjects.forSourceLines(
            "p.Foo",
            "package p;",
            "import dev.asyncdsl.Async;",
            "public class Foo {",
            "  @Async @Override public boolean equals(Object other) {",
            "    return this == other;",
            "  }",
            "  @Override public int hashCode() {",
            "    return 1;",
            "  }",
            "}");
    Compilation compilation = Compilers.strict().compile(foo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "@Async method equals(Object) would clash with Object.equals(Object) in the twin")
        .inFile(foo)
        .onLine(4);
    assertThat(compilation)
        .hadErrorContaining(tag(Message.ASYNC_OBJECT_METHOD))
        .inFile(foo)
        .onLine(4);
  }

  // ---------------------------------------------------------------- ASYNC_RETURNS_FUTURE

  @Test
  void asyncReturningFuture() {
    JavaFileObject foo =
        JavaFileObjects.forSourceLines(
            "p.Foo",
            "package p;",
            "import dev.asyncdsl.Async;",
            "import java.util.concurrent.Future;",
            "import java.util.concurrent.FutureTask;",
            "public class Foo {",
            "  @Async public Future<String> fetch() {",
            "    return new FutureTask<>(() -> \"x\");",
            "  }",
            "}");
    Compilation compilation = Compilers.strict().compile(foo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "@Async method fetch() returns java.util.concurrent.Future<java.lang.String>, which can"
                + " only be waited for by blocking a thread; return CompletableFuture or"
                + " CompletionStage, or the plain value "
                + tag(Message.ASYNC_RETURNS_FUTURE))
        .inFile(foo)
        .onLine(6)
        .atColumn(32);
    assertNothingGenerated(compilation);
  }

  // ---------------------------------------------------------------- ASYNC_RETURNS_RAW_STAGE

  @Test
  void asyncReturningRawCompletableFuture() {
    JavaFileObject foo =
        JavaFileObjects.forSourceLines(
            "p.Foo",
            "package p;",
            "import dev.asyncdsl.Async;",
            "import java.util.concurrent.CompletableFuture;",
            "public class Foo {",
            "  @Async",
            "  @SuppressWarnings(\"rawtypes\")",
            "  public CompletableFuture fetch() {",
            "    return CompletableFuture.completedFuture(\"x\");",
            "  }",
            "}");
    Compilation compilation = Compilers.strict().compile(foo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "@Async method fetch() returns the raw type CompletableFuture; give its type argument,"
                + " e.g. CompletableFuture<String> "
                + tag(Message.ASYNC_RETURNS_RAW_STAGE))
        .inFile(foo)
        .onLine(7)
        .atColumn(28);
    assertNothingGenerated(compilation);
  }

  // ---------------------------------------------------------------- ASYNC_INVISIBLE_TYPE

  @Test
  void asyncUsingPrivateNestedParameterType() {
    JavaFileObject foo =
        JavaFileObjects.forSourceLines(
            "p.Foo",
            "package p;",
            "import dev.asyncdsl.Async;",
            "public class Foo {",
            "  private static final class Secret {}",
            "  @Async public void send(Secret s) {}",
            "}");
    Compilation compilation = Compilers.strict().compile(foo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "@Async method send(Secret) uses Secret, which is private, so the generated twin"
                + " cannot name it; make Secret package-private or public "
                + tag(Message.ASYNC_INVISIBLE_TYPE))
        .inFile(foo)
        .onLine(5)
        .atColumn(22);
    assertNothingGenerated(compilation);
  }

  @Test
  void asyncUsingPrivateTypeInTypeArgumentAndBound() {
    JavaFileObject foo =
        JavaFileObjects.forSourceLines(
            "p.Foo",
            "package p;",
            "import dev.asyncdsl.Async;",
            "import java.util.List;",
            "public class Foo {",
            "  private interface Secret {}",
            "  @Async public <T extends Secret> int count(List<T> items) {",
            "    return items.size();",
            "  }",
            "  @Async public List<Secret> all() {",
            "    return List.of();",
            "  }",
            "}");
    Compilation compilation = Compilers.strict().compile(foo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining("@Async method count(List) uses Secret, which is private")
        .inFile(foo)
        .onLine(6);
    assertThat(compilation)
        .hadErrorContaining("@Async method all() uses Secret, which is private")
        .inFile(foo)
        .onLine(9);
    assertNothingGenerated(compilation);
  }

  @Test
  void asyncUsingProtectedTypeInheritedFromAnotherPackage() {
    JavaFileObject base =
        JavaFileObjects.forSourceLines(
            "q.Base", "package q;", "public class Base {", "  protected static class Prot {}", "}");
    JavaFileObject foo =
        JavaFileObjects.forSourceLines(
            "p.Foo",
            "package p;",
            "import dev.asyncdsl.Async;",
            "public class Foo extends q.Base {",
            "  @Async public String show(Prot x) {",
            "    return String.valueOf(x);",
            "  }",
            "}");
    Compilation compilation = Compilers.strict().compile(base, foo);
    assertThat(compilation).failed();
    // Expected: one asyncdsl diagnostic at the method (the twin beside Foo cannot name Base.Prot),
    // not javac's errors inside the generated FooAsync.
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("[asyncdsl:").inFile(foo).onLine(4);
    assertNotGenerated(compilation, "p.FooAsync");
  }

  // ---------------------------------------------------------------- ASYNC_SYNCHRONIZED

  @Test
  void synchronizedAsyncMethodWarnsAndStillGetsItsTwin() {
    JavaFileObject foo =
        JavaFileObjects.forSourceLines(
            "p.Foo",
            "package p;",
            "import dev.asyncdsl.Async;",
            "public class Foo {",
            "  private int count;",
            "  @Async public synchronized int next() {",
            "    return ++count;",
            "  }",
            "}");
    Compilation compilation = Compilers.lenient().compile(foo);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadErrorCount(0);
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation)
        .hadWarningContaining(
            "@Async method next() is synchronized: on JDK 21 to 23 a virtual thread that blocks"
                + " while holding a monitor pins its carrier thread; guard the state with a"
                + " java.util.concurrent.locks.ReentrantLock instead "
                + tag(Message.ASYNC_SYNCHRONIZED))
        .inFile(foo)
        .onLine(5)
        .atColumn(34);
    assertTrue(generated(compilation, "p.FooAsync").contains("CompletableFuture<Integer> next()"));
  }

  // ---------------------------------------------------------------- GATHER_HELPER_CLASH

  @Test
  void gatherHelperClash() {
    JavaFileObject foo =
        JavaFileObjects.forSourceLines(
            "p.Foo",
            "package p;",
            "import dev.asyncdsl.Async;",
            "public class Foo {",
            "  @Async public String fetch(String id) {",
            "    return id;",
            "  }",
            "  @Async public String fetchAll(Iterable<String> ids) {",
            "    return String.join(\",\", ids);",
            "  }",
            "}");
    Compilation compilation = Compilers.strict().compile(foo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "@Async method fetchAll(Iterable) clashes in the twin with fetchAll, the gather helper"
                + " generated for fetch; rename one of the two methods "
                + tag(Message.GATHER_HELPER_CLASH))
        .inFile(foo)
        .onLine(7)
        .atColumn(24);
    assertNothingGenerated(compilation);
  }

  @Test
  void gatherHelperClashAcrossStaticAndInstanceAndElementTypes() {
    // The helper of fetch(int) is fetchAll(Iterable<? extends Integer>): same erasure as
    // fetchAll(Iterable<String>), whatever the element types and static-ness.
    JavaFileObject foo =
        JavaFileObjects.forSourceLines(
            "p.Foo",
            "package p;",
            "import dev.asyncdsl.Async;",
            "public class Foo {",
            "  @Async public static String fetch(int id) {",
            "    return \"\" + id;",
            "  }",
            "  @Async public String fetchAll(Iterable<String> ids) {",
            "    return String.join(\",\", ids);",
            "  }",
            "}");
    Compilation compilation = Compilers.strict().compile(foo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(tag(Message.GATHER_HELPER_CLASH))
        .inFile(foo)
        .onLine(7);
  }

  @Test
  void typeLevelAsyncDropsTheHelperThatWouldClashWithAUserMethod() {
    JavaFileObject cache =
        JavaFileObjects.forSourceLines(
            "p.Cache",
            "package p;",
            "import dev.asyncdsl.Async;",
            "import java.util.List;",
            "@Async",
            "public class Cache<K> {",
            "  public String get(K key) {",
            "    return \"\" + key;",
            "  }",
            "  public List<String> getAll(Iterable<K> keys) {",
            "    return List.of();",
            "  }",
            "}");
    Compilation compilation = Compilers.strict().compile(cache);
    assertThat(compilation).succeededWithoutWarnings();
    String twin = generated(compilation, "p.CacheAsync");
    assertTrue(
        twin.contains("public CompletableFuture<List<String>> getAll(Iterable<K> keys)"), twin);
    assertFalse(twin.contains("Iterable<? extends K>"), twin);
  }

  // ---------------------------------------------------------------- ASYNC_METHODS_LEFT_OUT

  @Test
  void typeLevelAsyncLeavesOutWhatCannotHaveATwin() {
    JavaFileObject foo =
        JavaFileObjects.forSourceLines(
            "p.Foo",
            "package p;",
            "import dev.asyncdsl.Async;",
            "import java.util.concurrent.Future;",
            "import java.util.concurrent.FutureTask;",
            "@Async",
            "public class Foo {",
            "  public Future<String> fetch() {",
            "    return new FutureTask<>(() -> \"x\");",
            "  }",
            "  public String load(String id) {",
            "    return id;",
            "  }",
            "  public void send(Secret secret) {}",
            "  private static class Secret {}",
            "}");
    Compilation compilation = Compilers.strict().compile(foo);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(0);
    assertThat(compilation)
        .hadNoteContaining(
            "@Async on Foo leaves out fetch() (it returns a Future that is no CompletionStage),"
                + " send(Secret) (its signature uses a type the twin cannot name); to have a twin"
                + " method, put @Async on the method itself, which reports what to change, or mark"
                + " it @NotAsync to leave it out without this note "
                + tag(Message.ASYNC_METHODS_LEFT_OUT))
        .inFile(foo)
        .onLine(6)
        .atColumn(8);
    String twin = generated(compilation, "p.FooAsync");
    assertTrue(twin.contains("CompletableFuture<String> load(String id)"), twin);
    assertFalse(twin.contains("fetch"), twin);
    assertFalse(twin.contains("send"), twin);
  }

  @Test
  void asyncOnTheMethodStaysStrictUnderTypeLevelAsync() {
    JavaFileObject foo =
        JavaFileObjects.forSourceLines(
            "p.Foo",
            "package p;",
            "import dev.asyncdsl.Async;",
            "import java.util.concurrent.Future;",
            "import java.util.concurrent.FutureTask;",
            "@Async",
            "public class Foo {",
            "  @Async public Future<String> fetch() {",
            "    return new FutureTask<>(() -> \"x\");",
            "  }",
            "}");
    Compilation compilation = Compilers.strict().compile(foo);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(tag(Message.ASYNC_RETURNS_FUTURE))
        .inFile(foo)
        .onLine(7);
  }

  @Test
  void notAsyncLeavesAMethodOutWithoutANote() {
    JavaFileObject foo =
        JavaFileObjects.forSourceLines(
            "p.Foo",
            "package p;",
            "import dev.asyncdsl.Async;",
            "import dev.asyncdsl.NotAsync;",
            "import java.util.concurrent.Future;",
            "import java.util.concurrent.FutureTask;",
            "@Async",
            "public class Foo {",
            "  @NotAsync public Future<String> fetch() {",
            "    return new FutureTask<>(() -> \"x\");",
            "  }",
            "  @NotAsync public String cheap() {",
            "    return \"\";",
            "  }",
            "  public String load() {",
            "    return \"\";",
            "  }",
            "}");
    Compilation compilation = Compilers.strict().compile(foo);
    assertThat(compilation).succeededWithoutWarnings();
    assertTrue(
        compilation.diagnostics().stream().noneMatch(d -> d.getKind() == Diagnostic.Kind.NOTE),
        () -> compilation.diagnostics().toString());
    String twin = generated(compilation, "p.FooAsync");
    assertTrue(twin.contains("load()"), twin);
    assertFalse(twin.contains("cheap"), twin);
    assertFalse(twin.contains("fetch"), twin);
  }

  // ---------------------------------------------------------------- ASYNC_AND_NOT_ASYNC

  @Test
  void asyncAndNotAsyncOnOneMethod() {
    JavaFileObject foo =
        JavaFileObjects.forSourceLines(
            "p.Foo",
            "package p;",
            "import dev.asyncdsl.Async;",
            "import dev.asyncdsl.NotAsync;",
            "public class Foo {",
            "  @Async @NotAsync public String load() {",
            "    return \"\";",
            "  }",
            "}");
    Compilation compilation = Compilers.strict().compile(foo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "load() is marked both @Async and @NotAsync; remove one of them "
                + tag(Message.ASYNC_AND_NOT_ASYNC))
        .inFile(foo)
        .onLine(5)
        .atColumn(10);
    assertNothingGenerated(compilation);
  }

  // ---------------------------------------------------------------- NOT_ASYNC_WITHOUT_TYPE_ASYNC

  @Test
  void notAsyncInATypeWithoutTypeLevelAsync() {
    JavaFileObject foo =
        JavaFileObjects.forSourceLines(
            "p.Foo",
            "package p;",
            "import dev.asyncdsl.Async;",
            "import dev.asyncdsl.NotAsync;",
            "public class Foo {",
            "  @NotAsync public String load() {",
            "    return \"\";",
            "  }",
            "  @Async public String fetch() {",
            "    return \"\";",
            "  }",
            "}");
    Compilation compilation = Compilers.lenient().compile(foo);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation)
        .hadWarningContaining(
            "@NotAsync on load() has no effect: Foo is not annotated @Async, so only its @Async"
                + " methods have twin methods; remove @NotAsync "
                + tag(Message.NOT_ASYNC_WITHOUT_TYPE_ASYNC))
        .inFile(foo)
        .onLine(5)
        .atColumn(3);
  }

  // ---------------------------------------------------------------- silencing warnings

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "@SuppressWarnings(\"ASYNC_SYNCHRONIZED\") on the method",
        "@SuppressWarnings(\"asyncdsl\") on the type",
        "-Aasyncdsl.suppress=ASYNC_SYNCHRONIZED,ASYNC_TYPE_WITHOUT_METHODS"
      })
  void warningsAreSilencedWhereTheyAreReportedOrByTheOption(String how) {
    String onMethod =
        how.endsWith("on the method") ? "@SuppressWarnings(\"ASYNC_SYNCHRONIZED\") " : "";
    String onType = how.endsWith("on the type") ? "@SuppressWarnings(\"asyncdsl\") " : "";
    JavaFileObject foo =
        JavaFileObjects.forSourceLines(
            "p.Foo",
            "package p;",
            "import dev.asyncdsl.Async;",
            onType + "public class Foo {",
            "  private int count;",
            "  " + onMethod + "@Async public synchronized int next() {",
            "    return ++count;",
            "  }",
            "}");
    List<String> options = new java.util.ArrayList<>(List.of("-Xlint:all", "-Werror"));
    if (how.startsWith("-A")) {
      options.add(how);
    }
    Compilation compilation =
        com.google.testing.compile.Compiler.javac()
            .withProcessors(new AsyncProcessor())
            .withOptions(options)
            .compile(foo);
    assertThat(compilation).succeededWithoutWarnings();
    assertTrue(generated(compilation, "p.FooAsync").contains("CompletableFuture<Integer> next()"));
  }

  @Test
  void aSuppressionForOneTagLeavesTheOthers() {
    JavaFileObject foo =
        JavaFileObjects.forSourceLines(
            "p.Foo",
            "package p;",
            "import dev.asyncdsl.Async;",
            "@SuppressWarnings(\"ASYNC_TYPE_WITHOUT_METHODS\")",
            "public class Foo {",
            "  @Async public synchronized int next() {",
            "    return 1;",
            "  }",
            "}");
    Compilation compilation = Compilers.lenient().compile(foo);
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation)
        .hadWarningContaining(tag(Message.ASYNC_SYNCHRONIZED))
        .inFile(foo)
        .onLine(5);
  }

  @Test
  void theLeftOutNoteIsSilencedLikeAWarning() {
    JavaFileObject foo =
        JavaFileObjects.forSourceLines(
            "p.Foo",
            "package p;",
            "import dev.asyncdsl.Async;",
            "@Async",
            "@SuppressWarnings(\"ASYNC_METHODS_LEFT_OUT\")",
            "public class Foo {",
            "  public java.util.concurrent.Future<String> fetch() {",
            "    return null;",
            "  }",
            "  public String load() {",
            "    return \"\";",
            "  }",
            "}");
    Compilation compilation = Compilers.strict().compile(foo);
    assertThat(compilation).succeededWithoutWarnings();
    assertTrue(
        compilation.diagnostics().stream().noneMatch(d -> d.getKind() == Diagnostic.Kind.NOTE),
        () -> compilation.diagnostics().toString());
  }

  // ---------------------------------------------------------------- TWIN_NAME_TAKEN

  @Test
  void twinNameTakenByHandWrittenClass() {
    JavaFileObject foo =
        JavaFileObjects.forSourceLines(
            "p.Foo",
            "package p;",
            "import dev.asyncdsl.Async;",
            "public class Foo {",
            "  @Async public String fetch(String id) {",
            "    return id;",
            "  }",
            "}");
    JavaFileObject taken =
        JavaFileObjects.forSourceLines(
            "p.FooAsync", "package p;", "public class FooAsync {", "  // written by hand", "}");
    Compilation compilation = Compilers.strict().compile(foo, taken);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "cannot generate the twin of Foo: a type named p.FooAsync already exists; rename that"
                + " type, or rename Foo "
                + tag(Message.TWIN_NAME_TAKEN))
        .inFile(foo)
        .onLine(3)
        .atColumn(8);
    assertNothingGenerated(compilation);
  }

  @Test
  void twinNameTakenByAClassOnTheClassPath(@TempDir Path classes) {
    JavaFileObject taken =
        JavaFileObjects.forSourceLines(
            "p.FooAsync", "package p;", "public class FooAsync {", "  // written by hand", "}");
    JavaFileObject foo =
        JavaFileObjects.forSourceLines(
            "p.Foo",
            "package p;",
            "import dev.asyncdsl.Async;",
            "public class Foo {",
            "  @Async public String fetch(String id) {",
            "    return id;",
            "  }",
            "}");
    Compilation compilation =
        Compilers.strict()
            .withClasspath(Compilers.classPathWithCompiled(classes, taken))
            .compile(foo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("a type named p.FooAsync already exists")
        .inFile(foo)
        .onLine(3)
        .atColumn(8);
  }

  @Test
  void twinNameTakenByTwinOfAnotherType() {
    JavaFileObject outer =
        JavaFileObjects.forSourceLines(
            "p.Outer",
            "package p;",
            "import dev.asyncdsl.Async;",
            "public class Outer {",
            "  public static class Inner {",
            "    @Async public String a() {",
            "      return \"a\";",
            "    }",
            "  }",
            "}");
    JavaFileObject underscore =
        JavaFileObjects.forSourceLines(
            "p.Outer_Inner",
            "package p;",
            "import dev.asyncdsl.Async;",
            "public class Outer_Inner {",
            "  @Async public String b() {",
            "    return \"b\";",
            "  }",
            "}");
    Compilation compilation = Compilers.strict().compile(outer, underscore);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadWarningCount(0);
    assertThat(compilation).hadErrorContaining(tag(Message.TWIN_NAME_TAKEN));
  }

  // ---------------------------------------------------------------- TIMEOUT_NOT_POSITIVE

  @Test
  void timeoutZeroAndNegative() {
    JavaFileObject foo =
        JavaFileObjects.forSourceLines(
            "p.Foo",
            "package p;",
            "import dev.asyncdsl.Async;",
            "import dev.asyncdsl.Timeout;",
            "public class Foo {",
            "  @Async @Timeout(0) public String zero() {",
            "    return \"\";",
            "  }",
            "  @Async @Timeout(-1) public String negative() {",
            "    return \"\";",
            "  }",
            "}");
    Compilation compilation = Compilers.strict().compile(foo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining(
            "@Timeout must be positive, but is 0; give the longest time the call may take,"
                + " e.g. @Timeout(5) "
                + tag(Message.TIMEOUT_NOT_POSITIVE))
        .inFile(foo)
        .onLine(5)
        .atColumn(19);
    assertThat(compilation)
        .hadErrorContaining("@Timeout must be positive, but is -1;")
        .inFile(foo)
        .onLine(8)
        .atColumn(19);
    assertNothingGenerated(compilation);
  }

  @Test
  void typeLevelTimeoutNotPositive() {
    JavaFileObject foo =
        JavaFileObjects.forSourceLines(
            "p.Foo",
            "package p;",
            "import dev.asyncdsl.Async;",
            "import dev.asyncdsl.Timeout;",
            "@Async",
            "@Timeout(value = 0)",
            "public class Foo {",
            "  public String run() {",
            "    return \"\";",
            "  }",
            "}");
    Compilation compilation = Compilers.strict().compile(foo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("@Timeout must be positive, but is 0")
        .inFile(foo)
        .onLine(5)
        .atColumn(18);
    assertThat(compilation)
        .hadErrorContaining(tag(Message.TIMEOUT_NOT_POSITIVE))
        .inFile(foo)
        .onLine(5);
    assertNothingGenerated(compilation);
  }

  // ---------------------------------------------------------------- TIMEOUT_TOO_LONG

  @Test
  void timeoutTooLong() {
    JavaFileObject foo =
        JavaFileObjects.forSourceLines(
            "p.Foo",
            "package p;",
            "import dev.asyncdsl.Async;",
            "import dev.asyncdsl.Timeout;",
            "import java.util.concurrent.TimeUnit;",
            "public class Foo {",
            "  @Async",
            "  @Timeout(value = Long.MAX_VALUE, unit = TimeUnit.DAYS)",
            "  public String forever() {",
            "    return \"\";",
            "  }",
            "}");
    Compilation compilation = Compilers.strict().compile(foo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "@Timeout(value = 9223372036854775807, unit = DAYS) is longer than the 292 years a"
                + " deadline can count in nanoseconds; use a shorter timeout, or none "
                + tag(Message.TIMEOUT_TOO_LONG))
        .inFile(foo)
        .onLine(7)
        .atColumn(24);
    assertNothingGenerated(compilation);
  }

  @Test
  void longestTimeoutThatFitsIsAccepted() {
    // 106751 days is just under Long.MAX_VALUE nanoseconds: legal, and no warning.
    JavaFileObject foo =
        JavaFileObjects.forSourceLines(
            "p.Foo",
            "package p;",
            "import dev.asyncdsl.Async;",
            "import dev.asyncdsl.Timeout;",
            "import java.util.concurrent.TimeUnit;",
            "public class Foo {",
            "  @Async",
            "  @Timeout(value = 106751, unit = TimeUnit.DAYS)",
            "  public String longest() {",
            "    return \"\";",
            "  }",
            "}");
    Compilation compilation = Compilers.strict().compile(foo);
    assertThat(compilation).succeededWithoutWarnings();
    assertTrue(generated(compilation, "p.FooAsync").contains("106751L, TimeUnit.DAYS"));
  }

  // ---------------------------------------------------------------- TIMEOUT_WITHOUT_ASYNC

  @Test
  void timeoutOnMethodWithoutAsync() {
    JavaFileObject foo =
        JavaFileObjects.forSourceLines(
            "p.Foo",
            "package p;",
            "import dev.asyncdsl.Timeout;",
            "public class Foo {",
            "  @Timeout(5)",
            "  public String slow() {",
            "    return \"\";",
            "  }",
            "}");
    Compilation compilation = Compilers.strict().compile(foo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "@Timeout on slow() has no effect because no @Async applies to it;"
                + " add @Async (to it, or to its class) or remove @Timeout "
                + tag(Message.TIMEOUT_WITHOUT_ASYNC))
        .inFile(foo)
        .onLine(4)
        .atColumn(3);
    assertNothingGenerated(compilation);
  }

  @Test
  void timeoutOnMethodWithoutAsyncBesideAsyncMethods() {
    JavaFileObject foo =
        JavaFileObjects.forSourceLines(
            "p.Foo",
            "package p;",
            "import dev.asyncdsl.Async;",
            "import dev.asyncdsl.Timeout;",
            "public class Foo {",
            "  @Async public String fast() {",
            "    return \"\";",
            "  }",
            "  @Timeout(5) public String slow(int n) {",
            "    return \"\" + n;",
            "  }",
            "}");
    Compilation compilation = Compilers.strict().compile(foo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("@Timeout on slow(int) has no effect because no @Async applies to it")
        .inFile(foo)
        .onLine(8)
        .atColumn(3);
    assertNothingGenerated(compilation);
  }

  @Test
  void timeoutOnTypeWithoutAsync() {
    JavaFileObject foo =
        JavaFileObjects.forSourceLines(
            "p.Foo",
            "package p;",
            "import dev.asyncdsl.Timeout;",
            "@Timeout(5)",
            "public class Foo {",
            "  public String slow() {",
            "    return \"\";",
            "  }",
            "}");
    Compilation compilation = Compilers.strict().compile(foo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "@Timeout on Foo has no effect because no @Async applies to it;"
                + " add @Async (to it, or to its class) or remove @Timeout "
                + tag(Message.TIMEOUT_WITHOUT_ASYNC))
        .inFile(foo)
        .onLine(3)
        .atColumn(1);
    assertNothingGenerated(compilation);
  }

  // ---------------------------------------------------------------- UNRESOLVED_TYPES

  @Test
  void parameterTypeThatDoesNotExist() {
    JavaFileObject foo =
        JavaFileObjects.forSourceLines(
            "p.Foo",
            "package p;",
            "import dev.asyncdsl.Async;",
            "public class Foo {",
            "  @Async public String fetch(Missing id) {",
            "    return String.valueOf(id);",
            "  }",
            "}");
    Compilation compilation = Compilers.strict().compile(foo);
    assertThat(compilation).failed();
    // javac's own error, and ours once the last round is over.
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation).hadErrorContaining("cannot find symbol").inFile(foo).onLine(4);
    assertThat(compilation)
        .hadErrorContaining(
            "cannot generate the twin of p.Foo: its @Async methods use types that never resolved"
                + " (see the errors about missing symbols); fix those first "
                + tag(Message.UNRESOLVED_TYPES))
        .inFile(foo)
        .onLine(3)
        .atColumn(8);
    assertNothingGenerated(compilation);
  }

  @Test
  void timeoutConstantThatDoesNotExist() {
    JavaFileObject foo =
        JavaFileObjects.forSourceLines(
            "p.Foo",
            "package p;",
            "import dev.asyncdsl.Async;",
            "import dev.asyncdsl.Timeout;",
            "public class Foo {",
            "  @Async @Timeout(Limits.SLOW) public String slow() {",
            "    return \"\";",
            "  }",
            "}");
    Compilation compilation = Compilers.strict().compile(foo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation).hadErrorContaining("cannot find symbol").inFile(foo).onLine(5);
    assertThat(compilation)
        .hadErrorContaining(tag(Message.UNRESOLVED_TYPES))
        .inFile(foo)
        .onLine(4)
        .atColumn(8);
    assertNothingGenerated(compilation);
  }

  // ---------------------------------------------------------------- TYPE_VARIABLE_SHADOWED
  @Test
  void innerTypeVariableHidingTheOuterOne() {
    JavaFileObject outer =
        JavaFileObjects.forSourceLines(
            "p.Outer",
            "package p;",
            "import dev.asyncdsl.Async;",
            "public class Outer<T> {",
            "  public class Inner<T> {",
            "    @Async public T get(T value) {",
            "      return value;",
            "    }",
            "  }",
            "}");
    Compilation compilation = Compilers.strict().compile(outer);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "cannot generate the twin of Inner: its type variable T hides the type variable T of"
                + " the enclosing Outer, and the twin needs both; rename one of them "
                + tag(Message.TYPE_VARIABLE_SHADOWED))
        .inFile(outer)
        .onLine(4)
        .atColumn(10);
    assertNothingGenerated(compilation);
  }

  // ---------------------------------------------------------------- INTERNAL_ERROR

  @Test
  void unresolvedTypeLevelTimeoutIsNoInternalError() {
    JavaFileObject foo =
        JavaFileObjects.forSourceLines(
            "p.Foo",
            "package p;",
            "import dev.asyncdsl.Async;",
            "import dev.asyncdsl.Timeout;",
            "@Timeout(Limits.SLOW)",
            "public class Foo {",
            "  @Async @Timeout(1) public String m() {",
            "    return \"\";",
            "  }",
            "}");
    Compilation compilation = Compilers.strict().compile(foo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("cannot find symbol").inFile(foo).onLine(4);
    for (Diagnostic<? extends JavaFileObject> error : compilation.errors()) {
      assertFalse(
          error.getMessage(Locale.ROOT).contains(tag(Message.INTERNAL_ERROR)),
          () -> "internal error: " + error.getMessage(Locale.ROOT));
    }
    assertNothingGenerated(compilation);
  }

  // ---------------------------------------------------------------- one bad type among good ones

  @Test
  void badTypeDoesNotStopTheGoodOnes() {
    JavaFileObject alpha =
        JavaFileObjects.forSourceLines(
            "p.Alpha",
            "package p;",
            "import dev.asyncdsl.Async;",
            "public class Alpha {",
            "  @Async public String a(String x) {",
            "    return x;",
            "  }",
            "}");
    JavaFileObject bad =
        JavaFileObjects.forSourceLines(
            "p.Bad",
            "package p;",
            "import dev.asyncdsl.Async;",
            "public class Bad {",
            "  @Async private String hidden() {",
            "    return \"\";",
            "  }",
            "  @Async public String shown() {",
            "    return hidden();",
            "  }",
            "}");
    JavaFileObject zulu =
        JavaFileObjects.forSourceLines(
            "q.Zulu",
            "package q;",
            "import dev.asyncdsl.Async;",
            "public class Zulu {",
            "  public static class Inner {",
            "    @Async public static int z(int x) {",
            "      return x;",
            "    }",
            "  }",
            "}");
    JavaFileObject plain =
        JavaFileObjects.forSourceLines(
            "p.Plain", "package p;", "public class Plain {", "  public void nothing() {}", "}");
    Compilation compilation = Compilers.strict().compile(alpha, bad, zulu, plain);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(tag(Message.ASYNC_PRIVATE_METHOD))
        .inFile(bad)
        .onLine(4);
    // compile-testing shows no generated files once a compilation failed: Compilers compiles the
    // same sources once more and lists what the processor wrote.
    assertEquals(
        List.of("p.AlphaAsync", "q.Zulu_InnerAsync"), Compilers.writtenSources(compilation));
    assertNotGenerated(compilation, "p.BadAsync");
    assertNotGenerated(compilation, "p.PlainAsync");

    // Without the bad type, the same good ones compile cleanly, twins included.
    Compilation good = Compilers.strict().compile(alpha, zulu, plain);
    assertThat(good).succeededWithoutWarnings();
    assertThat(good).generatedSourceFile("p.AlphaAsync").isNotNull();
    assertThat(good).generatedSourceFile("q.Zulu_InnerAsync").isNotNull();
  }

  @Test
  void everyProblemOfATypeIsReportedAtOnce() {
    JavaFileObject foo =
        JavaFileObjects.forSourceLines(
            "p.Foo",
            "package p;",
            "import dev.asyncdsl.Async;",
            "import dev.asyncdsl.Timeout;",
            "import java.util.concurrent.Future;",
            "public class Foo {",
            "  @Async private void a() {}",
            "  @Async public Future<Integer> b() {",
            "    return null;",
            "  }",
            "  @Async @Timeout(0) public void c() {}",
            "  @Timeout(1) public void d() {}",
            "}");
    Compilation compilation = Compilers.strict().compile(foo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(4);
    assertThat(compilation)
        .hadErrorContaining(tag(Message.ASYNC_PRIVATE_METHOD))
        .inFile(foo)
        .onLine(6);
    assertThat(compilation)
        .hadErrorContaining(tag(Message.ASYNC_RETURNS_FUTURE))
        .inFile(foo)
        .onLine(7);
    assertThat(compilation)
        .hadErrorContaining(tag(Message.TIMEOUT_NOT_POSITIVE))
        .inFile(foo)
        .onLine(10);
    assertThat(compilation)
        .hadErrorContaining(tag(Message.TIMEOUT_WITHOUT_ASYNC))
        .inFile(foo)
        .onLine(11);
    assertNothingGenerated(compilation);
  }

  // ---------------------------------------------------------------- the catalogue itself

  @Test
  void everyMessageEndsWithItsStableTag() {
    for (Message message : Message.values()) {
      Object[] arguments =
          switch (message) {
            case TIMEOUT_NOT_POSITIVE -> new Object[] {0L};
            case TIMEOUT_TOO_LONG -> new Object[] {Long.MAX_VALUE, "DAYS"};
            default -> new Object[] {"first", "second", "third", "fourth", "fifth", "sixth"};
          };
      String text = message.format(arguments);
      assertTrue(
          text.endsWith(" [asyncdsl:" + message.name() + "]"),
          () -> message + " does not end with its tag: " + text);
      assertEquals(
          text.indexOf("[asyncdsl:"), text.lastIndexOf("[asyncdsl:"), () -> message + ": two tags");
      assertFalse(text.contains("%"), () -> message + " left a format specifier: " + text);
      assertFalse(text.contains("\n"), () -> message + " spans lines: " + text);
    }
  }

  @Test
  void everyMessageHasATestHere() throws java.io.IOException {
    // Run from the module directory, as Surefire does.
    // The fault-tolerance annotations' messages are tested in PolicyDiagnosticsTest, and
    // @Durable's in DurableDiagnosticsTest.
    String tests =
        java.nio.file.Files.readString(
                java.nio.file.Path.of("src/test/java/dev/asyncdsl/processor/DiagnosticsTest.java"))
            + java.nio.file.Files.readString(
                java.nio.file.Path.of(
                    "src/test/java/dev/asyncdsl/processor/PolicyDiagnosticsTest.java"))
            + java.nio.file.Files.readString(
                java.nio.file.Path.of(
                    "src/test/java/dev/asyncdsl/processor/DurableDiagnosticsTest.java"));
    for (Message message : Message.values()) {
      assertTrue(
          tests.contains("tag(Message." + message.name() + ")"),
          () -> message + " has no test asserting its tag");
    }
  }

  @Test
  void messageKinds() {
    Set<Message> warnings = EnumSet.noneOf(Message.class);
    for (Message message : Message.values()) {
      if (message.kind() == Diagnostic.Kind.WARNING) {
        warnings.add(message);
      } else if (message == Message.ASYNC_METHODS_LEFT_OUT) {
        assertEquals(Diagnostic.Kind.NOTE, message.kind());
      } else {
        assertEquals(Diagnostic.Kind.ERROR, message.kind(), message::name);
      }
    }
    assertEquals(
        EnumSet.of(
            Message.ASYNC_TYPE_WITHOUT_METHODS,
            Message.ASYNC_SYNCHRONIZED,
            Message.NOT_ASYNC_WITHOUT_TYPE_ASYNC,
            Message.RETRY_MAX_DELAY_WITHOUT_BACKOFF,
            Message.RETRY_FOREVER,
            Message.RETRY_ON_UNTHROWN_CHECKED,
            Message.FALLBACK_DEPRECATED,
            Message.POLICY_MATCHES_NOTHING,
            Message.POLICY_EXCLUDES_EVERY_MATCH,
            Message.DURABLE_WORKER_CANNOT_BUILD,
            Message.DURABLE_RESULT_DROPPED,
            Message.DURABLE_PER_PROCESS_POLICY),
        warnings);
  }
}
