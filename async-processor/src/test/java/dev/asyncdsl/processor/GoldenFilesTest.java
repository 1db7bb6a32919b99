package dev.asyncdsl.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The generated twins of a few representative types, compared character for character with {@code
 * src/test/resources/golden/<Twin>.java}, so that any change to what users read (layout, Javadoc,
 * imports) shows up here. Each twin also compiles under {@code -Xlint:all -Werror}.
 *
 * <p>After an intended change, regenerate with {@code -Dgolden.update=true} (run from the module
 * directory) and review the diff.
 */
class GoldenFilesTest {
  private static final Path GOLDEN_SOURCES = Path.of("src", "test", "resources", "golden");

  private static void assertGolden(Compilation compilation, String twin) {
    String actual = Compilers.generated(compilation, twin);
    String simpleName = twin.substring(twin.lastIndexOf('.') + 1);
    if (Boolean.getBoolean("golden.update")) {
      try {
        Files.createDirectories(GOLDEN_SOURCES);
        Files.writeString(GOLDEN_SOURCES.resolve(simpleName + ".java"), actual);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return;
    }
    assertEquals(golden(simpleName + ".java"), actual, () -> twin + " differs from its golden");
  }

  private static String golden(String name) {
    try (InputStream in = GoldenFilesTest.class.getResourceAsStream("/golden/" + name)) {
      assertNotNull(in, () -> "no golden file " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Compilation compile(JavaFileObject... sources) {
    Compilation compilation = Compilers.strict().compile(sources);
    assertThat(compilation).succeededWithoutWarnings();
    return compilation;
  }

  @Test
  void classWithFaultTolerantMethods() {
    Compilation compilation =
        compile(
            JavaFileObjects.forSourceString(
                "p.Client",
                """
                package p;

                import dev.asyncdsl.Async;
                import dev.asyncdsl.Bulkhead;
                import dev.asyncdsl.CircuitBreaker;
                import dev.asyncdsl.Fallback;
                import dev.asyncdsl.Retry;
                import dev.asyncdsl.Timeout;
                import java.io.FileNotFoundException;
                import java.io.IOException;
                import java.io.UncheckedIOException;
                import java.util.concurrent.CompletableFuture;
                import java.util.concurrent.CompletionStage;
                import java.util.concurrent.TimeUnit;

                @Async
                @Retry(maxRetries = 2)
                public class Client {
                  @Timeout(value = 2, unit = TimeUnit.SECONDS)
                  @Retry(
                      maxRetries = 4,
                      delay = 100,
                      delayMultiplier = 2,
                      maxDelay = 1,
                      maxDelayUnit = TimeUnit.SECONDS,
                      jitter = 20,
                      retryOn = {IOException.class, UncheckedIOException.class},
                      abortOn = FileNotFoundException.class)
                  @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 10, delayUnit = TimeUnit.SECONDS)
                  @Bulkhead(value = 5, waitingTaskQueue = 20)
                  @Fallback(method = "cached", applyOn = IOException.class)
                  public String fetch(String path) throws IOException {
                    return path;
                  }

                  String cached(String path, IOException failure) {
                    return "cached " + path;
                  }

                  @Fallback(method = "nothing")
                  public void send(String message) {}

                  void nothing(String message) {}

                  @CircuitBreaker(failOn = IllegalStateException.class)
                  public CompletionStage<Integer> size(String path) {
                    return CompletableFuture.completedFuture(path.length());
                  }

                  public static int version() {
                    return 1;
                  }
                }
                """));
    assertGolden(compilation, "p.ClientAsync");
  }

  @Test
  void classWithStaticAndInstanceMethods() {
    Compilation compilation =
        compile(
            JavaFileObjects.forSourceString(
                "p.Service",
                """
                package p;

                import dev.asyncdsl.Async;
                import dev.asyncdsl.Timeout;
                import java.io.IOException;
                import java.util.List;
                import java.util.Map;
                import java.util.concurrent.CompletableFuture;
                import java.util.concurrent.CompletionStage;
                import java.util.concurrent.TimeUnit;

                @Timeout(30)
                public class Service {
                  @Async
                  public static int square(int x) {
                    return x * x;
                  }

                  @Async
                  public void record(String entry) {}

                  @Async
                  public <T extends Comparable<? super T>> T largest(List<? extends T> values) {
                    return values.get(0);
                  }

                  @Async
                  public <K, V> Map<K, V> merge(Map<K, V> left, Map<? extends K, ? extends V> right) {
                    return left;
                  }

                  @Async
                  public CompletableFuture<Integer> priceOf(String item) {
                    return CompletableFuture.completedFuture(item.length());
                  }

                  @Async
                  public CompletionStage<? extends Number> total() {
                    return CompletableFuture.completedFuture(1L);
                  }

                  @Async
                  @Timeout(value = 250, unit = TimeUnit.MILLISECONDS)
                  public String load(String path) throws IOException {
                    if (path.isEmpty()) {
                      throw new IOException("no path");
                    }
                    return path;
                  }

                  @Async
                  public static long sum(long... values) {
                    return values.length;
                  }

                  @Async
                  public String join(String separator, String... parts) {
                    return String.join(separator, parts);
                  }

                  @Async
                  public boolean[] flags(byte b, short s, char c, float f, double d) {
                    return new boolean[] {b == 0, s == 0, c == 0, f == 0, d == 0};
                  }

                  public String notAsync() {
                    return "";
                  }
                }
                """));
    assertGolden(compilation, "p.ServiceAsync");
  }

  @Test
  void genericClass() {
    Compilation compilation =
        compile(
            JavaFileObjects.forSourceString(
                "p.Cache",
                """
                package p;

                import dev.asyncdsl.Async;
                import java.util.HashMap;
                import java.util.Map;
                import java.util.Optional;
                import java.util.function.BiFunction;

                public class Cache<K, V extends Comparable<V>> {
                  private final Map<K, V> entries = new HashMap<>();

                  @Async
                  public Optional<V> get(K key) {
                    return Optional.ofNullable(entries.get(key));
                  }

                  @Async
                  public void put(K key, V value) {
                    entries.put(key, value);
                  }

                  @Async
                  public <R> R fold(R initial, BiFunction<R, ? super V, R> step) {
                    R result = initial;
                    for (V value : entries.values()) {
                      result = step.apply(result, value);
                    }
                    return result;
                  }

                  @Async
                  public static <T> Cache<String, String> named(T name) {
                    return new Cache<>();
                  }
                }
                """));
    assertGolden(compilation, "p.CacheAsync");
  }

  @Test
  void nestedTypes() {
    Compilation compilation =
        compile(
            JavaFileObjects.forSourceString(
                "p.Outer",
                """
                package p;

                import dev.asyncdsl.Async;
                import java.util.List;

                public class Outer<T> {
                  static class Nested {
                    @Async
                    static String ping() {
                      return "pong";
                    }

                    @Async
                    protected int size(String text) {
                      return text.length();
                    }
                  }

                  public class Inner {
                    @Async
                    public T first(List<T> items) {
                      return items.get(0);
                    }
                  }
                }
                """));
    assertGolden(compilation, "p.Outer_NestedAsync");
    assertGolden(compilation, "p.Outer_InnerAsync");
  }

  @Test
  void interfaceWithTypeLevelAsync() {
    Compilation compilation =
        compile(
            JavaFileObjects.forSourceString(
                "p.Repository",
                """
                package p;

                import dev.asyncdsl.Async;
                import java.util.List;

                @Async
                public interface Repository {
                  String find(String id);

                  default List<String> findAll(int limit) {
                    return List.of();
                  }

                  static Repository empty() {
                    return id -> null;
                  }

                  @Override
                  String toString();
                }
                """));
    assertGolden(compilation, "p.RepositoryAsync");
  }

  @Test
  void packagePrivateStaticOnlyWithSuppressions() {
    Compilation compilation =
        compile(
            JavaFileObjects.forSourceString(
                "p.Legacy",
                """
                package p;

                import dev.asyncdsl.Async;
                import java.util.ArrayList;
                import java.util.List;

                class Legacy {
                  @Async
                  @Deprecated
                  public static void reset() {}

                  @Async
                  @SuppressWarnings("rawtypes")
                  static int count(List raw) {
                    return raw.size();
                  }

                  @Async
                  @SafeVarargs
                  static <T> List<T> listOf(T... items) {
                    List<T> list = new ArrayList<>();
                    for (T item : items) {
                      list.add(item);
                    }
                    return list;
                  }

                  @Async
                  static String rename(String AsyncRuntime, int TimeUnit) {
                    return AsyncRuntime + TimeUnit;
                  }
                }
                """));
    assertGolden(compilation, "p.LegacyAsync");
  }

  @Test
  void durableJobs() {
    Compilation compilation =
        compile(
            JavaFileObjects.forSourceString(
                "com.example.Mirror",
                """
                package com.example;

                import dev.asyncdsl.Durable;
                import dev.asyncdsl.Retry;
                import dev.asyncdsl.Timeout;
                import java.io.IOException;
                import java.time.LocalDate;
                import java.util.List;
                import java.util.concurrent.CompletableFuture;
                import java.util.concurrent.CompletionStage;
                import java.util.concurrent.TimeUnit;

                public class Mirror {
                  @Durable
                  public void refresh(String city) {}

                  @Durable(retries = 5, name = "refresh a city's day")
                  public void refresh(String city, LocalDate day) throws IOException {}

                  @Durable(retries = 3)
                  @Timeout(value = 2, unit = TimeUnit.SECONDS)
                  @Retry(maxRetries = 2)
                  public static void rebuild(int shard) {}

                  @Durable
                  @Timeout(30)
                  public void copy(List<String> files, String context) {}

                  @Durable
                  public CompletionStage<Void> prefetch(String at, String... keys) {
                    return CompletableFuture.completedFuture(null);
                  }
                }
                """));
    assertGolden(compilation, "com.example.MirrorJobs");
  }

  @Test
  void everyGoldenFileIsChecked() {
    // A golden file no test compares would rot unnoticed.
    List<String> checked =
        List.of(
            "CacheAsync.java",
            "ClientAsync.java",
            "LegacyAsync.java",
            "MirrorJobs.java",
            "Outer_InnerAsync.java",
            "Outer_NestedAsync.java",
            "RepositoryAsync.java",
            "ServiceAsync.java");
    for (String name : checked) {
      assertNotNull(GoldenFilesTest.class.getResource("/golden/" + name), name);
    }
    if (Files.isDirectory(GOLDEN_SOURCES)) {
      try (var files = Files.list(GOLDEN_SOURCES)) {
        assertEquals(checked, files.map(path -> path.getFileName().toString()).sorted().toList());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
