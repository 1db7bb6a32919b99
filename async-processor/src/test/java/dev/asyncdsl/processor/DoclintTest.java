package dev.asyncdsl.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated twins are doclint-clean: compiled on their own (the user's classes on the class path)
 * under {@code -Xdoclint:all -Werror}, they raise no warning about their Javadoc.
 */
class DoclintTest {
  private static final JavaFileObject CACHE =
      JavaFileObjects.forSourceLines(
          "p.Cache",
          "package p;",
          "import dev.asyncdsl.Async;",
          "import dev.asyncdsl.Timeout;",
          "import java.util.List;",
          "import java.util.Optional;",
          "public class Cache<K, V extends Comparable<V>> {",
          "  @Async @Timeout(3) public Optional<V> get(K key) {",
          "    return Optional.empty();",
          "  }",
          "  @Async public void put(K key, V value) {}",
          "  @Async public <R> R fold(R initial, java.util.function.BiFunction<R, ? super V, R> step) {",
          "    return initial;",
          "  }",
          "  @Async public static <T> List<T> named(T name) {",
          "    return List.of(name);",
          "  }",
          "  @Async public java.util.concurrent.CompletableFuture<String> relay(String s) {",
          "    return java.util.concurrent.CompletableFuture.completedFuture(s);",
          "  }",
          "  @Async public int sum(int... values) {",
          "    return values.length;",
          "  }",
          "  @Async @Timeout(3) @dev.asyncdsl.Retry(delay = 10) @dev.asyncdsl.CircuitBreaker",
          "  @dev.asyncdsl.Bulkhead @dev.asyncdsl.Fallback(method = \"stale\")",
          "  public Optional<V> load(K key) throws java.io.IOException {",
          "    return Optional.empty();",
          "  }",
          "  Optional<V> stale(K key, Throwable failure) {",
          "    return Optional.empty();",
          "  }",
          "  @Async @dev.asyncdsl.Bulkhead(2) public static void ping() {}",
          "  public static class Nested {",
          "    @Async public static String hello() {",
          "      return \"\";",
          "    }",
          "  }",
          "}");

  @Test
  void twinsAreDoclintClean(@TempDir Path classes) {
    Compilation generating = Compilers.strict().compile(CACHE);
    assertThat(generating).succeededWithoutWarnings();
    List<JavaFileObject> twins = generating.generatedSourceFiles();
    Compilation twinsAlone =
        Compiler.javac()
            .withProcessors()
            .withClasspath(Compilers.classPathWithCompiled(classes, CACHE))
            .withOptions("-Xdoclint:all", "-Xlint:all", "-Werror")
            .compile(twins);
    assertThat(twinsAlone).succeededWithoutWarnings();
  }

  /**
   * From JDK 18 on: javac 17's doclint reports each component of a record as having no comment,
   * even when the record's Javadoc gives it a {@code @param} (the javadoc tool does not). CI runs
   * this on JDK 25.
   */
  @Test
  @EnabledForJreRange(min = JRE.JAVA_18)
  void jobsClassesAreDoclintClean(@TempDir Path classes) {
    JavaFileObject mirror =
        JavaFileObjects.forSourceLines(
            "p.Mirror",
            "package p;",
            "import dev.asyncdsl.Durable;",
            "public class Mirror {",
            "  @Durable public void refresh(String city, java.util.List<String> days) {}",
            "  @Durable @dev.asyncdsl.Timeout(3) public static void rebuild(int shard) {}",
            "  @Durable public void copy(String context, String at, int... sizes) {}",
            "  public Mirror(String region) {}",
            "  @SuppressWarnings(\"DURABLE_WORKER_CANNOT_BUILD\")",
            "  public static class Nested {",
            "    @Durable public CharSequence hello(String name) {",
            "      return name;",
            "    }",
            "  }",
            "}");
    Compilation generating = Compilers.lenient().compile(mirror);
    assertThat(generating).succeeded();
    Compilation generatedAlone =
        Compiler.javac()
            .withProcessors()
            .withClasspath(Compilers.classPathWithCompiled(classes, mirror))
            .withOptions("-Xdoclint:all", "-Xlint:all", "-Werror")
            .compile(generating.generatedSourceFiles());
    assertThat(generatedAlone).succeededWithoutWarnings();
  }
}
