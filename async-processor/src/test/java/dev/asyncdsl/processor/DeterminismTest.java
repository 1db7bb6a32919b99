package dev.asyncdsl.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The same sources give byte-identical twins, whatever order javac is handed them in. */
class DeterminismTest {
  private static final String GENERATED_LINE =
      "@Generated(\"dev.asyncdsl.processor.AsyncProcessor\")";

  /** Ten independent files: every kind of type, three packages, timeouts, helpers, generics. */
  private static List<JavaFileObject> sources() {
    return List.of(
        JavaFileObjects.forSourceString(
            "p.Alpha",
            """
            package p;
            import dev.asyncdsl.Async;
            import dev.asyncdsl.Timeout;
            @Timeout(5)
            public class Alpha {
              @Async public static int square(int x) {
                return x * x;
              }
              @Async public String describe(String item, int count) {
                return count + " x " + item;
              }
              @Async public void record(String entry) {}
            }
            """),
        JavaFileObjects.forSourceString(
            "p.Beta",
            """
            package p;
            import dev.asyncdsl.Async;
            import java.util.List;
            import java.util.Map;
            public class Beta<K extends Comparable<K>, V> {
              @Async public Map<K, V> index(List<? extends V> values) {
                return Map.of();
              }
              @Async public <R extends CharSequence> R pick(R first, R second) {
                return first;
              }
            }
            """),
        JavaFileObjects.forSourceString(
            "p.Gamma",
            """
            package p;
            import dev.asyncdsl.Async;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.CompletionStage;
            @Async
            public interface Gamma {
              CompletableFuture<String> fetch(String id);
              default CompletionStage<? extends Number> count() {
                return CompletableFuture.completedFuture(1);
              }
              static Gamma none() {
                return id -> CompletableFuture.completedFuture(id);
              }
            }
            """),
        JavaFileObjects.forSourceString(
            "p.Delta",
            """
            package p;
            import dev.asyncdsl.Async;
            public enum Delta {
              ONE, TWO;
              @Async public String lower() {
                return name().toLowerCase(java.util.Locale.ROOT);
              }
            }
            """),
        JavaFileObjects.forSourceString(
            "p.Epsilon",
            """
            package p;
            import dev.asyncdsl.Async;
            public record Epsilon(int x, int y) {
              @Async public int sum() {
                return x + y;
              }
              @Async public static Epsilon origin() {
                return new Epsilon(0, 0);
              }
            }
            """),
        JavaFileObjects.forSourceString(
            "q.Zeta",
            """
            package q;
            import dev.asyncdsl.Async;
            import dev.asyncdsl.Timeout;
            import java.util.concurrent.TimeUnit;
            public class Zeta<T> {
              public class Inner {
                @Async @Timeout(value = 300, unit = TimeUnit.MILLISECONDS)
                public T same(T value) {
                  return value;
                }
              }
              static class Nested {
                @Async static long sum(long... values) {
                  return values.length;
                }
              }
            }
            """),
        JavaFileObjects.forSourceString(
            "q.Eta",
            """
            package q;
            import dev.asyncdsl.Async;
            import java.io.IOException;
            class Eta {
              @Async @Deprecated String old(String s) {
                return s;
              }
              @Async <X extends Throwable> void risky() throws X {}
              @Async String read(String path) throws IOException {
                return path;
              }
            }
            """),
        JavaFileObjects.forSourceString(
            "q.r.Theta",
            """
            package q.r;
            import dev.asyncdsl.Async;
            import java.util.ArrayList;
            import java.util.List;
            public abstract class Theta {
              @Async public abstract String name();
              @SafeVarargs
              @Async public static <T> List<T> listOf(T... items) {
                List<T> list = new ArrayList<>();
                for (T item : items) {
                  list.add(item);
                }
                return list;
              }
            }
            """),
        JavaFileObjects.forSourceString(
            "q.r.Iota",
            """
            package q.r;
            import dev.asyncdsl.Async;
            public class Iota {
              @Async public static int square(int x) {
                return x * x;
              }
              @Async public static Integer square(Integer x) {
                return x * x;
              }
              @Async public String fetch(String id) {
                return id;
              }
              @Async public String fetchAll(int limit) {
                return "" + limit;
              }
            }
            """),
        JavaFileObjects.forSourceString(
            "Kappa",
            """
            import dev.asyncdsl.Async;
            import dev.asyncdsl.Durable;
            import dev.asyncdsl.Retry;
            public class Kappa {
              @Async public static String upper(String s) {
                return s.toUpperCase(java.util.Locale.ROOT);
              }
              @Durable @Retry(maxRetries = 1) public static void shout(String s) {}
              @Durable public void whisper(java.util.List<String> words) {}
            }
            """));
  }

  private static final List<String> TWINS =
      List.of(
          "p.AlphaAsync",
          "p.BetaAsync",
          "p.GammaAsync",
          "p.DeltaAsync",
          "p.EpsilonAsync",
          "q.Zeta_InnerAsync",
          "q.Zeta_NestedAsync",
          "q.EtaAsync",
          "q.r.ThetaAsync",
          "q.r.IotaAsync",
          "KappaAsync",
          "KappaJobs");

  private static Map<String, byte[]> twins(List<JavaFileObject> sources) {
    Compilation compilation = Compilers.strict().compile(sources);
    assertThat(compilation).succeededWithoutWarnings();
    Map<String, byte[]> twins = new TreeMap<>();
    for (String twin : TWINS) {
      twins.put(twin, Compilers.generated(compilation, twin).getBytes(StandardCharsets.UTF_8));
    }
    assertEquals(TWINS.size(), compilation.generatedSourceFiles().size(), "generated sources");
    return twins;
  }

  private static void assertSameTwins(Map<String, byte[]> expected, Map<String, byte[]> actual) {
    assertEquals(expected.keySet(), actual.keySet());
    for (String twin : expected.keySet()) {
      assertArrayEquals(expected.get(twin), actual.get(twin), () -> twin + " differs");
    }
  }

  @Test
  void sameTwinsWhateverTheOrderOfTheSources() {
    List<JavaFileObject> sources = sources();
    Map<String, byte[]> first = twins(sources);

    List<JavaFileObject> reversed = new ArrayList<>(sources);
    Collections.reverse(reversed);
    assertSameTwins(first, twins(reversed));

    List<JavaFileObject> shuffled = new ArrayList<>(sources);
    Collections.shuffle(shuffled, new Random(20240611));
    assertSameTwins(first, twins(shuffled));
  }

  @Test
  void eachTwinIsTheSameWhenItsSourceIsCompiledAlone() {
    // What Gradle's isolating mode relies on: a twin depends on its own type only.
    Map<String, byte[]> together = twins(sources());
    for (JavaFileObject source : sources()) {
      Compilation alone = Compilers.strict().compile(source);
      assertThat(alone).succeededWithoutWarnings();
      for (JavaFileObject generated : alone.generatedSourceFiles()) {
        String path = generated.toUri().getPath();
        String name =
            path.substring(path.indexOf("SOURCE_OUTPUT/") + "SOURCE_OUTPUT/".length())
                .replaceFirst("\\.java$", "")
                .replace('/', '.');
        assertTrue(together.containsKey(name), () -> "unexpected twin " + name);
        assertArrayEquals(together.get(name), Compilers.bytes(generated), () -> name + " differs");
      }
    }
  }

  @Test
  void generatedCarriesNoDateNorAnythingElseThatChanges() {
    Map<String, byte[]> twins = twins(sources());
    for (Map.Entry<String, byte[]> twin : twins.entrySet()) {
      String text = new String(twin.getValue(), StandardCharsets.UTF_8);
      Matcher generated = Pattern.compile("(?m)^@Generated.*$").matcher(text);
      assertTrue(generated.find(), () -> twin.getKey() + " has no @Generated");
      assertEquals(GENERATED_LINE, generated.group(), twin.getKey());
      assertFalse(generated.find(), () -> twin.getKey() + " has two @Generated");
      String lower = text.toLowerCase(Locale.ROOT);
      assertFalse(lower.contains("date"), () -> twin.getKey() + " mentions a date");
      assertFalse(
          Pattern.compile("\\b20\\d\\d-\\d\\d-\\d\\d").matcher(text).find(),
          () -> twin.getKey() + " holds a date");
      assertFalse(text.contains("\r"), () -> twin.getKey() + " has carriage returns");
      assertTrue(text.endsWith("}\n"), () -> twin.getKey() + " does not end with one newline");
    }
  }
}
