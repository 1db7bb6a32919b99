package dev.asyncdsl.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Legal user code must compile with the processor under {@code -Xlint:all -Werror} without a single
 * warning, twins included (they are compiled in the same run). A failure here is a processor bug.
 */
class LegalShapesCompileTest {

  /**
   * One legal shape.
   *
   * @param sources the user's files
   * @param twins the twins that must be generated, by qualified name
   * @param present text each named twin must contain, as {@code "p.FooAsync: text"}
   * @param absent text no named twin may contain, same form
   * @param options javac options beyond {@code -Xlint:all -Werror}
   */
  record Shape(
      List<JavaFileObject> sources,
      List<String> twins,
      List<String> present,
      List<String> absent,
      List<String> options) {
    static Shape of(String... sourcesThenTwins) {
      List<JavaFileObject> sources = new ArrayList<>();
      List<String> twins = new ArrayList<>();
      for (String item : sourcesThenTwins) {
        if (item.contains("\n")) {
          sources.add(source(item));
        } else {
          twins.add(item);
        }
      }
      return new Shape(sources, twins, List.of(), List.of(), List.of());
    }

    Shape containing(String... checks) {
      List<String> all = new ArrayList<>(present);
      all.addAll(List.of(checks));
      return new Shape(sources, twins, all, absent, options);
    }

    Shape without(String... checks) {
      List<String> all = new ArrayList<>(absent);
      all.addAll(List.of(checks));
      return new Shape(sources, twins, present, all, options);
    }

    Shape withOptions(String... more) {
      List<String> all = new ArrayList<>(options);
      all.addAll(List.of(more));
      return new Shape(sources, twins, present, absent, all);
    }

    Compiler compiler() {
      List<String> all = new ArrayList<>(List.of("-Xlint:all", "-Werror"));
      all.addAll(options);
      return Compiler.javac().withProcessors(new AsyncProcessor()).withOptions(all);
    }
  }

  /** A source file named after its package and first top-level type. */
  static JavaFileObject source(String text) {
    String packageName = "";
    java.util.regex.Matcher pkg =
        java.util.regex.Pattern.compile("(?m)^package\\s+([\\w.]+);").matcher(text);
    if (pkg.find()) {
      packageName = pkg.group(1) + ".";
    }
    java.util.regex.Matcher type =
        java.util.regex.Pattern.compile(
                "(?m)^(?:public\\s+|abstract\\s+|final\\s+|sealed\\s+|non-sealed\\s+)*"
                    + "(?:class|interface|enum|record|@interface)\\s+(\\w+)")
            .matcher(text);
    if (!type.find()) {
      throw new IllegalArgumentException("no top-level type in:\n" + text);
    }
    return JavaFileObjects.forSourceString(packageName + type.group(1), text);
  }

  static void assertCompilesCleanly(Shape shape) {
    Compilation compilation = shape.compiler().compile(shape.sources());
    assertThat(compilation).succeededWithoutWarnings();
    for (String twin : shape.twins()) {
      assertThat(compilation).generatedSourceFile(twin).isNotNull();
    }
    for (String check : shape.present()) {
      String twin = check.substring(0, check.indexOf(": "));
      String text = check.substring(check.indexOf(": ") + 2);
      String generated = Compilers.generated(compilation, twin);
      assertTrue(generated.contains(text), () -> twin + " lacks <" + text + ">:\n" + generated);
    }
    for (String check : shape.absent()) {
      String twin = check.substring(0, check.indexOf(": "));
      String text = check.substring(check.indexOf(": ") + 2);
      String generated = Compilers.generated(compilation, twin);
      assertFalse(generated.contains(text), () -> twin + " has <" + text + ">:\n" + generated);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void compilesWithoutWarnings(Shape shape) {
    assertCompilesCleanly(shape);
  }

  static Stream<Named<Shape>> shapes() {
    return Stream.of(
        Named.of(
            "generic class with a recursive bound",
            Shape.of(
                    """
                package p;
                import dev.asyncdsl.Async;
                import java.util.ArrayList;
                import java.util.List;
                public class Node<T extends Comparable<T>> {
                  private final List<Node<T>> children = new ArrayList<>();
                  private final T value;
                  public Node(T value) {
                    this.value = value;
                  }
                  @Async public T value() {
                    return value;
                  }
                  @Async public Node<T> add(Node<T> child) {
                    children.add(child);
                    return this;
                  }
                  @Async public boolean greaterThan(T other) {
                    return value.compareTo(other) > 0;
                  }
                  @Async public static <U extends Comparable<U>> Node<U> leaf(U value) {
                    return new Node<>(value);
                  }
                }
                """,
                    "p.NodeAsync")
                .containing("p.NodeAsync: public final class NodeAsync<T extends Comparable<T>>")),
        Named.of(
            "generic class with an intersection bound and two type variables",
            Shape.of(
                """
                package p;
                import dev.asyncdsl.Async;
                import java.io.Serializable;
                import java.util.Map;
                public class Ranges<N extends Number & Comparable<N>, M extends Map<String, ? super N>>
                    implements Serializable {
                  private static final long serialVersionUID = 1L;
                  @Async public N max(N a, N b) {
                    return a.compareTo(b) >= 0 ? a : b;
                  }
                  @Async public M put(M map, String key, N value) {
                    map.put(key, value);
                    return map;
                  }
                }
                """,
                "p.RangesAsync")),
        Named.of(
            "generic methods",
            Shape.of(
                """
                package p;
                import dev.asyncdsl.Async;
                import java.util.HashMap;
                import java.util.List;
                import java.util.Map;
                import java.util.function.Function;
                public class Generics {
                  @Async public <T> T identity(T value) {
                    return value;
                  }
                  @Async public static <K, V extends List<K>> Map<K, V> index(K key, V values) {
                    Map<K, V> map = new HashMap<>();
                    map.put(key, values);
                    return map;
                  }
                  @Async public <T extends Number & Comparable<T>> T max(List<T> values) {
                    T best = values.get(0);
                    for (T value : values) {
                      if (value.compareTo(best) > 0) {
                        best = value;
                      }
                    }
                    return best;
                  }
                  @Async public <T, R> List<R> map(List<T> in, Function<? super T, ? extends R> f) {
                    return in.stream().<R>map(f).toList();
                  }
                }
                """,
                "p.GenericsAsync")),
        Named.of(
            "method type variable shadowing the class's",
            Shape.of(
                """
                package p;
                import dev.asyncdsl.Async;
                public class Box<T> {
                  @Async public <T> T echo(T value) {
                    return value;
                  }
                }
                """,
                "p.BoxAsync")),
        Named.of(
            "type variables named like types the twin uses",
            Shape.of(
                """
                package p;
                import dev.asyncdsl.Async;
                public class Holder<Executor, Void> {
                  @Async public Executor first(Executor value) {
                    return value;
                  }
                  @Async public void clear() {}
                  @Async public <List> List pick(java.util.List<List> values) {
                    return values.get(0);
                  }
                }
                """,
                "p.HolderAsync")),
        Named.of(
            "wildcards",
            Shape.of(
                """
                package p;
                import dev.asyncdsl.Async;
                import java.util.Collection;
                import java.util.List;
                import java.util.Map;
                public class Wildcards {
                  @Async public double sum(List<? extends Number> numbers) {
                    return numbers.stream().mapToDouble(Number::doubleValue).sum();
                  }
                  @Async public void fill(List<? super Integer> sink, int count) {
                    for (int i = 0; i < count; i++) {
                      sink.add(i);
                    }
                  }
                  @Async public int size(Map<?, ?> map) {
                    return map.size();
                  }
                  @Async public String name(Class<?> type) {
                    return type.getName();
                  }
                  @Async public List<? extends CharSequence> texts(Collection<? extends List<?>> in) {
                    return List.of(String.valueOf(in.size()));
                  }
                }
                """,
                "p.WildcardsAsync")),
        Named.of(
            "arrays",
            Shape.of(
                """
                package p;
                import dev.asyncdsl.Async;
                import java.util.List;
                public class Arrays2 {
                  @Async public int[][] grid(int rows, int columns) {
                    return new int[rows][columns];
                  }
                  @Async public static String first(String[] values) {
                    return values[0];
                  }
                  @Async public <T> T last(T[] values) {
                    return values[values.length - 1];
                  }
                  @Async public List<String>[] none() {
                    return null;
                  }
                  @Async public char[] chars(String s) {
                    return s.toCharArray();
                  }
                }
                """,
                "p.Arrays2Async")),
        Named.of(
            "varargs, generic varargs included",
            Shape.of(
                    """
                package p;
                import dev.asyncdsl.Async;
                import java.util.ArrayList;
                import java.util.List;
                public class Varargs {
                  @Async public static long sum(long... values) {
                    long total = 0;
                    for (long value : values) {
                      total += value;
                    }
                    return total;
                  }
                  @Async public String join(String separator, String... parts) {
                    return String.join(separator, parts);
                  }
                  @Async public int rows(int[]... rows) {
                    return rows.length;
                  }
                  @Async public int any(Object... values) {
                    return values.length;
                  }
                  @SafeVarargs
                  @Async public static <T> List<T> listOf(T... xs) {
                    List<T> out = new ArrayList<>();
                    for (T x : xs) {
                      out.add(x);
                    }
                    return out;
                  }
                  @SafeVarargs
                  @Async public final <T> int count(T... xs) {
                    return xs.length;
                  }
                  @SafeVarargs
                  @Async public final int lists(List<String>... lists) {
                    return lists.length;
                  }
                  @Async public int wild(List<?>... lists) {
                    return lists.length;
                  }
                }
                """,
                    "p.VarargsAsync")
                .containing(
                    "p.VarargsAsync: public static <T> CompletableFuture<List<T>> listOf(T... xs)",
                    "p.VarargsAsync: public CompletableFuture<String> join(String separator,"
                        + " String... parts)")),
        Named.of(
            "every primitive as parameter and as result",
            Shape.of(
                    """
                package p;
                import dev.asyncdsl.Async;
                public class Primitives {
                  @Async public boolean not(boolean v) { return !v; }
                  @Async public byte b(byte v) { return v; }
                  @Async public short s(short v) { return v; }
                  @Async public char c(char v) { return v; }
                  @Async public int i(int v) { return v; }
                  @Async public long l(long v) { return v; }
                  @Async public float f(float v) { return v; }
                  @Async public double d(double v) { return v; }
                  @Async public static double all(
                      boolean z, byte b, short s, char c, int i, long l, float f, double d) {
                    return z ? b + s + c + i + l + f + d : 0;
                  }
                }
                """,
                    "p.PrimitivesAsync")
                .containing(
                    "p.PrimitivesAsync: CompletableFuture<List<Character>> cAll(Iterable<? extends"
                        + " Character> inputs)",
                    "p.PrimitivesAsync: CompletableFuture<Boolean> not(boolean v)")),
        Named.of(
            "void methods, static and instance",
            Shape.of(
                    """
                package p;
                import dev.asyncdsl.Async;
                public class Voids {
                  private int calls;
                  @Async public void touch() {
                    calls++;
                  }
                  @Async public static void sleep(long millis) throws InterruptedException {
                    Thread.sleep(millis);
                  }
                  @Async public void both(int a, int b) {
                    calls += a + b;
                  }
                }
                """,
                    "p.VoidsAsync")
                .containing("p.VoidsAsync: public static CompletableFuture<List<Void>> sleepAll(")),
        Named.of(
            "CompletableFuture and CompletionStage results",
            Shape.of(
                    """
                package p;
                import dev.asyncdsl.Async;
                import java.util.List;
                import java.util.concurrent.CompletableFuture;
                import java.util.concurrent.CompletionStage;
                public class Stages {
                  public static final class Eventually extends CompletableFuture<String> {}
                  @Async public CompletableFuture<String> text() {
                    return CompletableFuture.completedFuture("x");
                  }
                  @Async public CompletionStage<Integer> number(int n) {
                    return CompletableFuture.completedFuture(n);
                  }
                  @Async public CompletableFuture<? extends Number> bounded() {
                    return CompletableFuture.completedFuture(1L);
                  }
                  @Async public CompletionStage<?> anything() {
                    return CompletableFuture.completedFuture("y");
                  }
                  @Async public CompletionStage<? super Integer> lower() {
                    return CompletableFuture.completedFuture(1);
                  }
                  @Async public CompletableFuture<Void> done() {
                    return CompletableFuture.completedFuture(null);
                  }
                  @Async public static CompletableFuture<List<String>> lists() {
                    return CompletableFuture.completedFuture(List.of());
                  }
                  @Async public Eventually subclass() {
                    return new Eventually();
                  }
                  @Async public <T> CompletionStage<T> generic(T value) {
                    return CompletableFuture.completedFuture(value);
                  }
                }
                """,
                    "p.StagesAsync")
                .containing(
                    "p.StagesAsync: public CompletableFuture<Number> bounded()",
                    "p.StagesAsync: public CompletableFuture<Object> anything()",
                    "p.StagesAsync: public CompletableFuture<String> subclass()",
                    "p.StagesAsync: public CompletableFuture<Integer> number(int n)")),
        Named.of(
            "overloads, square(int) beside square(Integer)",
            Shape.of(
                    """
                package p;
                import dev.asyncdsl.Async;
                public class Overloads {
                  @Async public static int square(int x) {
                    return x * x;
                  }
                  @Async public static Integer square(Integer x) {
                    return x == null ? null : x * x;
                  }
                  @Async public static long square(long x) {
                    return x * x;
                  }
                  @Async public String pad(String s) {
                    return s;
                  }
                  @Async public String pad(String s, int width) {
                    return s + width;
                  }
                  @Async public String pad(String s, char fill, int width) {
                    return s + fill + width;
                  }
                  @Async public String toString(int radix) {
                    return Integer.toString(7, radix);
                  }
                  @Async public boolean equals(String other) {
                    return other.isEmpty();
                  }
                }
                """,
                    "p.OverloadsAsync")
                .containing(
                    "p.OverloadsAsync: padAll(Iterable<? extends String> inputs)",
                    // Each overload names itself in a constant of its own.
                    "p.OverloadsAsync: SQUARE_METHOD = AsyncMethod.of(\n"
                        + "      \"p.Overloads\", \"square\", \"Overloads.square(int)\");",
                    "p.OverloadsAsync: SQUARE_METHOD_2 = AsyncMethod.of(\n"
                        + "      \"p.Overloads\", \"square\", \"Overloads.square(Integer)\");",
                    "p.OverloadsAsync: SQUARE_METHOD_3 = AsyncMethod.of(\n"
                        + "      \"p.Overloads\", \"square\", \"Overloads.square(long)\");",
                    "p.OverloadsAsync: PAD_METHOD_3 = AsyncMethod.of(\n"
                        + "      \"p.Overloads\", \"pad\", \"Overloads.pad(String, char, int)\");",
                    "p.OverloadsAsync: OverloadsAsync.SQUARE_METHOD_2,",
                    "p.OverloadsAsync: OverloadsAsync.PAD_METHOD_3,")
                .without("p.OverloadsAsync: squareAll(", "p.OverloadsAsync: SQUARE_METHOD_4")),
        Named.of(
            "interface with abstract, default and static methods",
            Shape.of(
                    """
                package p;
                import dev.asyncdsl.Async;
                import java.util.List;
                public interface Repository<T> {
                  @Async T find(String id);
                  @Async default List<T> findAll(List<String> ids) {
                    return ids.stream().map(this::find).toList();
                  }
                  @Async static int version() {
                    return 1;
                  }
                  @Async default <R> R fold(R initial) {
                    return initial;
                  }
                }
                """,
                    "p.RepositoryAsync")
                .containing("p.RepositoryAsync: public final class RepositoryAsync<T>")),
        Named.of(
            "type-level @Async on an interface",
            Shape.of(
                    """
                package p;
                import dev.asyncdsl.Async;
                @Async
                public interface Service {
                  String call(String input);
                  default String twice(String input) {
                    return call(call(input));
                  }
                  static Service echo() {
                    return input -> input;
                  }
                  @Override
                  String toString();
                }
                """,
                    "p.ServiceAsync")
                .without("p.ServiceAsync: toString()")),
        Named.of(
            "abstract class",
            Shape.of(
                """
                package p;
                import dev.asyncdsl.Async;
                public abstract class Task<R> {
                  @Async public abstract R compute(int input) throws Exception;
                  @Async protected R retry(int input) throws Exception {
                    return compute(input);
                  }
                  @Async static String describe() {
                    return "task";
                  }
                }
                """,
                "p.TaskAsync")),
        Named.of(
            "enums, method-level and type-level",
            Shape.of(
                    """
                package p;
                import dev.asyncdsl.Async;
                public enum Planet {
                  MERCURY(3.303e+23), EARTH(5.976e+24);
                  private final double mass;
                  Planet(double mass) {
                    this.mass = mass;
                  }
                  @Async public double mass() {
                    return mass;
                  }
                  @Async public static Planet heaviest() {
                    return EARTH;
                  }
                }
                """,
                    """
                package p;
                import dev.asyncdsl.Async;
                @Async
                public enum Op {
                  PLUS {
                    @Override public int apply(int a, int b) {
                      return a + b;
                    }
                  };
                  public abstract int apply(int a, int b);
                  public String symbol() {
                    return "+";
                  }
                }
                """,
                    "p.PlanetAsync",
                    "p.OpAsync")
                .without("p.OpAsync: values()", "p.OpAsync: valueOf(")),
        Named.of(
            "records, method-level and type-level",
            Shape.of(
                    """
                package p;
                import dev.asyncdsl.Async;
                public record Point(int x, int y) {
                  @Async public double distance(Point other) {
                    return Math.hypot(x - other.x, y - other.y);
                  }
                  @Async public static Point origin() {
                    return new Point(0, 0);
                  }
                }
                """,
                    """
                package p;
                import dev.asyncdsl.Async;
                @Async
                public record Pair<A, B>(A first, B second) {
                  public Pair<B, A> swap() {
                    return new Pair<>(second, first);
                  }
                }
                """,
                    """
                package p;
                import dev.asyncdsl.Async;
                public record Money(@Async long cents, String currency) {
                  @Async public String currency() {
                    return currency;
                  }
                }
                """,
                    "p.PointAsync",
                    "p.PairAsync",
                    "p.MoneyAsync")
                .containing(
                    "p.PairAsync: public final class PairAsync<A, B>",
                    "p.MoneyAsync: public CompletableFuture<Long> cents()",
                    "p.MoneyAsync: public CompletableFuture<String> currency()")
                .without("p.PairAsync: first()", "p.PairAsync: second()")),
        Named.of(
            "sealed interface with permitted records",
            Shape.of(
                """
                package p;
                import dev.asyncdsl.Async;
                public sealed interface Shape permits Shape.Circle, Shape.Square {
                  @Async double area();
                  record Circle(double r) implements Shape {
                    public double area() {
                      return Math.PI * r * r;
                    }
                  }
                  record Square(double side) implements Shape {
                    @Async public double area() {
                      return side * side;
                    }
                  }
                }
                """,
                "p.ShapeAsync",
                "p.Shape_SquareAsync")),
        Named.of(
            "static nested types",
            Shape.of(
                """
                package p;
                import dev.asyncdsl.Async;
                public class Outer {
                  public static class Nested {
                    @Async public String hello(String who) {
                      return "hello " + who;
                    }
                  }
                  interface Api {
                    @Async String get();
                  }
                  enum Mode {
                    ON;
                    @Async String label() {
                      return name();
                    }
                  }
                  record Value(int v) {
                    @Async int twice() {
                      return 2 * v;
                    }
                  }
                  static class Level1 {
                    static class Level2 {
                      @Async static int deep() {
                        return 2;
                      }
                    }
                  }
                  public static class Generic<U> {
                    @Async public U same(U u) {
                      return u;
                    }
                  }
                }
                """,
                "p.Outer_NestedAsync",
                "p.Outer_ApiAsync",
                "p.Outer_ModeAsync",
                "p.Outer_ValueAsync",
                "p.Outer_Level1_Level2Async",
                "p.Outer_GenericAsync")),
        Named.of(
            "inner classes, also of a generic outer class",
            Shape.of(
                    """
                package p;
                import dev.asyncdsl.Async;
                import java.util.List;
                public class Outer<T> {
                  private final T value;
                  public Outer(T value) {
                    this.value = value;
                  }
                  public class Inner {
                    @Async public T value() {
                      return value;
                    }
                    public class Deeper<U> {
                      @Async public List<Object> both(U u) {
                        return List.of(value, u);
                      }
                    }
                  }
                  class Plain {
                    @Async String show() {
                      return String.valueOf(value);
                    }
                    @Async static String constant() {
                      return "c";
                    }
                  }
                }
                """,
                    "p.Outer_InnerAsync",
                    "p.Outer_Inner_DeeperAsync",
                    "p.Outer_PlainAsync")
                .containing(
                    "p.Outer_InnerAsync: private final Outer<T>.Inner target;",
                    "p.Outer_Inner_DeeperAsync: final class Outer_Inner_DeeperAsync<T, U>")),
        Named.of(
            "inner class of a non-generic class",
            Shape.of(
                """
                package p;
                import dev.asyncdsl.Async;
                public class Library {
                  private final String name = "lib";
                  public class Shelf {
                    @Async public String label(int n) {
                      return name + n;
                    }
                  }
                }
                """,
                "p.Library_ShelfAsync")),
        Named.of(
            "the default package",
            Shape.of(
                """
                import dev.asyncdsl.Async;
                public class DefaultTool {
                  @Async public static String upper(String s) {
                    return s.toUpperCase(java.util.Locale.ROOT);
                  }
                  @Async public int length(String s) {
                    return s.length();
                  }
                }
                """,
                "DefaultToolAsync")),
        Named.of(
            "checked exceptions and a generic throws clause",
            Shape.of(
                """
                package p;
                import dev.asyncdsl.Async;
                import java.io.IOException;
                import java.util.function.Supplier;
                public class Risky {
                  @Async public String read(String path) throws IOException {
                    throw new IOException(path);
                  }
                  @Async public static void fail() throws Exception {
                    throw new Exception("x");
                  }
                  @Async public <X extends Throwable> void sneaky(X failure) throws X {
                    throw failure;
                  }
                  @Async public <X extends Throwable> void m() throws X {}
                  @Async public <X extends Exception> String orThrow(Supplier<X> failure) throws X {
                    throw failure.get();
                  }
                  @Async public int many()
                      throws IOException, InterruptedException, ReflectiveOperationException {
                    return 1;
                  }
                }
                """,
                "p.RiskyAsync")),
        Named.of(
            "parameters named like the twin's own names",
            Shape.of(
                """
                package p;
                import dev.asyncdsl.Async;
                public class Names {
                  @Async public String target(String target) {
                    return target;
                  }
                  @Async public String executor(String executor) {
                    return executor;
                  }
                  @Async public String all(
                      String target, String executor, String e, String result, String input,
                      String inputs) {
                    return target + executor + e + result + input + inputs;
                  }
                  @Async public static String statics(
                      String target, String executor, String AsyncRuntime, String TimeUnit) {
                    return target + executor + AsyncRuntime + TimeUnit;
                  }
                  @Async public String runtime(String AsyncRuntime) {
                    return AsyncRuntime;
                  }
                  @Async public static int Names(int Names) {
                    return Names;
                  }
                  @Async public String input(String input) {
                    return input;
                  }
                  @Async public String inputs(String inputs) {
                    return inputs;
                  }
                  @Async public String result(String Objects, String Executor) {
                    return Objects + Executor;
                  }
                  @Async public String call(String run) {
                    return run;
                  }
                  @Async public String each(String relay) {
                    return relay;
                  }
                }
                """,
                """
                package p;
                import dev.asyncdsl.Async;
                import dev.asyncdsl.Timeout;
                public class Timed {
                  @Async @Timeout(1) public String slow(String TimeUnit, String AsyncRuntime) {
                    return TimeUnit + AsyncRuntime;
                  }
                  @Async @Timeout(1) public static String Timed(String Timed) {
                    return Timed;
                  }
                }
                """,
                "p.NamesAsync",
                "p.TimedAsync")),
        Named.of(
            "fetchAll with a non-Iterable parameter beside fetch(String)",
            Shape.of(
                    """
                package p;
                import dev.asyncdsl.Async;
                import java.util.Collection;
                import java.util.List;
                public class Fetcher {
                  @Async public String fetch(String id) {
                    return id;
                  }
                  @Async public List<String> fetchAll(int limit) {
                    return List.of(String.valueOf(limit));
                  }
                  @Async public List<String> fetchAll(Collection<String> ids) {
                    return List.copyOf(ids);
                  }
                  @Async public static String load(String id) {
                    return id;
                  }
                  @Async public static String loadAll(String[] ids) {
                    return String.join(",", ids);
                  }
                }
                """,
                    "p.FetcherAsync")
                .containing(
                    "p.FetcherAsync: fetchAll(Iterable<? extends String> inputs)",
                    "p.FetcherAsync: loadAllAll(Iterable<? extends String[]> inputs)")),
        Named.of(
            "classes named Future, List, Executor, CompletableFuture in the user's package",
            Shape.of(
                """
                package p.util;
                import dev.asyncdsl.Async;
                public class List {
                  @Async public int size() {
                    return 0;
                  }
                  @Async public static List of(String one) {
                    return new List();
                  }
                }
                """,
                """
                package p.util;
                public class Future {
                  public String get() {
                    return "not a java.util.concurrent.Future";
                  }
                }
                """,
                """
                package p.util;
                import dev.asyncdsl.Async;
                public class Executor {
                  @Async public void execute(Runnable task) {
                    task.run();
                  }
                }
                """,
                """
                package p.util;
                import dev.asyncdsl.Async;
                public class CompletableFuture {
                  @Async public String complete(String value) {
                    return value;
                  }
                }
                """,
                """
                package p.util;
                import dev.asyncdsl.Async;
                import dev.asyncdsl.Timeout;
                public class User {
                  @Async public List list(java.util.List<String> values) {
                    return new List();
                  }
                  @Async public Future future(Executor executor, CompletableFuture future) {
                    return new Future();
                  }
                  @Async @Timeout(2) public java.util.concurrent.Executor jdk(Executor mine) {
                    return Runnable::run;
                  }
                  @Async public CompletableFuture make() {
                    return new CompletableFuture();
                  }
                  @Async public java.util.concurrent.CompletableFuture<List> relay() {
                    return java.util.concurrent.CompletableFuture.completedFuture(new List());
                  }
                }
                """,
                "p.util.ListAsync",
                "p.util.ExecutorAsync",
                "p.util.CompletableFutureAsync",
                "p.util.UserAsync")),
        Named.of(
            "a package named like the JDK's",
            Shape.of(
                """
                package java_util.concurrent;
                import dev.asyncdsl.Async;
                public class Worker {
                  @Async public java.util.List<String> items(java.util.concurrent.Executor e) {
                    return java.util.List.of();
                  }
                }
                """,
                "java_util.concurrent.WorkerAsync")),
        Named.of(
            "raw types in a signature",
            Shape.of(
                """
                package p;
                import dev.asyncdsl.Async;
                import java.util.List;
                import java.util.Map;
                public class Raw {
                  @Async
                  @SuppressWarnings("rawtypes")
                  public int size(List raw) {
                    return raw.size();
                  }
                  @Async
                  @SuppressWarnings("rawtypes")
                  public List copy(List<Map> maps) {
                    return maps;
                  }
                  @Async
                  @SuppressWarnings("rawtypes")
                  public static Class type(Object o) {
                    return o.getClass();
                  }
                }
                """,
                "p.RawAsync")),
        Named.of(
            "deprecated method, type and parameter type",
            Shape.of(
                    """
                package p;
                import dev.asyncdsl.Async;
                public class Legacy {
                  @Deprecated
                  @Async public String old(String s) {
                    return s;
                  }
                  @Deprecated
                  @Async public static void reset() {}
                  @SuppressWarnings("deprecation")
                  @Async public String use(Retired r) {
                    return String.valueOf(r);
                  }
                }
                """,
                    """
                package p;
                import dev.asyncdsl.Async;
                @Deprecated
                public class Retired {
                  @Async public String stillHere() {
                    return "";
                  }
                }
                """,
                    "p.LegacyAsync",
                    "p.RetiredAsync")
                .containing(
                    "p.LegacyAsync: @Deprecated\n  @SuppressWarnings({\"deprecation\", \"removal\"})\n"
                        + "  public CompletableFuture<String> old(String s)",
                    "p.RetiredAsync: @Deprecated\n")),
        Named.of(
            "only static methods in a generic class",
            Shape.of(
                    """
                package p;
                import dev.asyncdsl.Async;
                public class Util<T> {
                  @Async public static <E> E first(java.util.List<E> items) {
                    return items.get(0);
                  }
                  @Async static int zero() {
                    return 0;
                  }
                }
                """,
                    "p.UtilAsync")
                .containing("p.UtilAsync: private UtilAsync()")),
        Named.of(
            "package-private type, protected and package-private methods",
            Shape.of(
                    """
                package p;
                import dev.asyncdsl.Async;
                class Hidden {
                  @Async protected String prot(String s) {
                    return s;
                  }
                  @Async String pkg(int i) {
                    return "" + i;
                  }
                  @Async public String pub() {
                    return "";
                  }
                }
                """,
                    "p.HiddenAsync")
                .containing("p.HiddenAsync: \nfinal class HiddenAsync {")),
        Named.of(
            "type-level @Async and @Timeout on a class with static and instance methods",
            Shape.of(
                    """
                package p;
                import dev.asyncdsl.Async;
                import dev.asyncdsl.Timeout;
                import java.util.concurrent.TimeUnit;
                @Async
                @Timeout(value = 3, unit = TimeUnit.MINUTES)
                public class Everything {
                  public static int one() {
                    return 1;
                  }
                  @Timeout(10)
                  public String two(String s) {
                    return s;
                  }
                  String notPublic() {
                    return "";
                  }
                  @Override
                  public int hashCode() {
                    return 1;
                  }
                  @Override
                  public boolean equals(Object other) {
                    return other == this;
                  }
                }
                """,
                    "p.EverythingAsync")
                .containing(
                    "p.EverythingAsync: 3L, TimeUnit.MINUTES",
                    "p.EverythingAsync: 10L, TimeUnit.SECONDS")
                .without("p.EverythingAsync: notPublic", "p.EverythingAsync: hashCode")),
        Named.of(
            "@Override of a generic superclass method",
            Shape.of(
                """
                package p;
                import dev.asyncdsl.Async;
                import java.util.function.Function;
                public class Parser implements Function<String, Integer> {
                  @Async
                  @Override
                  public Integer apply(String text) {
                    return Integer.parseInt(text);
                  }
                }
                """,
                "p.ParserAsync")),
        Named.of(
            "a nullable parameter annotation is kept on the twin's parameter",
            Shape.of(
                    """
                package p;
                import java.lang.annotation.ElementType;
                import java.lang.annotation.Retention;
                import java.lang.annotation.RetentionPolicy;
                import java.lang.annotation.Target;
                @Retention(RetentionPolicy.CLASS)
                @Target(ElementType.PARAMETER)
                public @interface Nullable {}
                """,
                    """
                package p;
                import dev.asyncdsl.Async;
                public class Greeter {
                  @Async public String greet(@Nullable String name, int times) {
                    return String.valueOf(name).repeat(times);
                  }
                }
                """,
                    "p.GreeterAsync")
                // javac's processing lint flags @Nullable in the user's own file as soon as any
                // processor runs (README, "Using it in your build"); that is not the twin's doing.
                .withOptions("-Xlint:-processing")
                .containing(
                    "p.GreeterAsync: public CompletableFuture<String> greet(@Nullable String name,"
                        + " int times)")));
  }

  // ---------------------------------------------------------------- types from a later round

  /** Generates p.Money and p.Limits in the first round, as a code generator would. */
  static final class GeneratingProcessor extends AbstractProcessor {
    private boolean done;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (done) {
        return false;
      }
      done = true;
      write("p.Money", "package p;\npublic record Money(long cents) {}\n");
      write(
          "p.Limits",
          "package p;\npublic final class Limits {\n"
              + "  public static final long SLOW = 3;\n"
              + "  private Limits() {}\n"
              + "}\n");
      return false;
    }

    private void write(String name, String text) {
      try (Writer writer = processingEnv.getFiler().createSourceFile(name).openWriter()) {
        writer.write(text);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Test
  void typesAndConstantsFromAnotherProcessorAreWaitedFor() {
    JavaFileObject wallet =
        source(
            """
            package p;
            import dev.asyncdsl.Async;
            import dev.asyncdsl.Timeout;
            import java.util.List;
            public class Wallet {
              @Async public Money total(List<Money> parts) {
                return new Money(parts.stream().mapToLong(Money::cents).sum());
              }
              @Async @Timeout(Limits.SLOW) public String slow() {
                return "";
              }
            }
            """);
    Compilation compilation =
        Compiler.javac()
            // First: javac calls a processor only for annotations no earlier one claimed.
            .withProcessors(new GeneratingProcessor(), new AsyncProcessor())
            .withOptions("-Xlint:all", "-Werror")
            .compile(wallet);
    assertThat(compilation).succeededWithoutWarnings();
    String twin = Compilers.generated(compilation, "p.WalletAsync");
    assertTrue(twin.contains("CompletableFuture<Money> total(List<Money> parts)"), twin);
    assertTrue(twin.contains("3L, TimeUnit.SECONDS"), twin);
  }

  // ---------------------------------------------------------------- known bugs

  @ParameterizedTest(name = "p.{0}")
  @ValueSource(strings = {"Void", "Integer", "Long", "Iterable", "String"})
  void classNamedLikeAJavaLangTypeInTheUsersPackage(String name) {
    Shape shape =
        Shape.of(
            "package p;\npublic class " + name + " {}\n",
            """
            package p;
            import dev.asyncdsl.Async;
            public class Foo {
              @Async public void run() {}
              @Async public int count(java.lang.String s) {
                return s.length();
              }
              @Async public static long size(java.util.List<java.lang.String> xs) {
                return xs.size();
              }
            }
            """,
            "p.FooAsync");
    assertCompilesCleanly(shape);
  }

  /** The same, with the type named like a {@code java.lang} one compiled earlier (class path). */
  @Test
  void classNamedLikeAJavaLangTypeOnTheClassPath(@TempDir Path classes) {
    JavaFileObject string =
        JavaFileObjects.forSourceString("p.String", "package p;\npublic class String {}\n");
    JavaFileObject foo =
        JavaFileObjects.forSourceString(
            "p.Foo",
            """
            package p;
            import dev.asyncdsl.Async;
            public class Foo {
              @Async public int count(java.lang.String s) {
                return s.length();
              }
            }
            """);
    Compilation compilation =
        Compilers.strict()
            .withClasspath(Compilers.classPathWithCompiled(classes, string))
            .compile(foo);
    assertThat(compilation).succeededWithoutWarnings();
    String twin = Compilers.generated(compilation, "p.FooAsync");
    // Imported by name, so that it wins over the package's own String.
    assertTrue(twin.contains("import java.lang.String;"), twin);
  }

  @Test
  void deprecatedForRemoval() {
    assertCompilesCleanly(
        Shape.of(
            """
            package p;
            import dev.asyncdsl.Async;
            public class Legacy {
              @Deprecated(forRemoval = true)
              @Async public String old(String s) {
                return s;
              }
              @SuppressWarnings("removal")
              @Async public String use(Doomed d) {
                return String.valueOf(d);
              }
            }
            """,
            """
            package p;
            import dev.asyncdsl.Async;
            @Deprecated(forRemoval = true)
            public class Doomed {
              @Async public String last() {
                return "";
              }
            }
            """,
            "p.LegacyAsync",
            "p.DoomedAsync"));
  }

  @Test
  void nestedTypeOfDeprecatedOuterClass() {
    assertCompilesCleanly(
        Shape.of(
            """
            package p;
            import dev.asyncdsl.Async;
            @Deprecated
            public class Outer {
              public static class Inner {
                @Async public String a() {
                  return "";
                }
              }
            }
            """,
            "p.Outer_InnerAsync"));
  }

  @Test
  void privateNullableAnnotationIsNotCopiedWhereItCannotBeSeen() {
    assertCompilesCleanly(
        Shape.of(
                """
                package p;
                import dev.asyncdsl.Async;
                public class Foo {
                  private @interface Nullable {}
                  @Async public String m(@Nullable String s) {
                    return s;
                  }
                }
                """,
                "p.FooAsync")
            .withOptions("-Xlint:-processing"));
  }

  // ---------------------------------------------------------------- issue 11

  @Test
  void gatherHelperOfAMethodOverloadingAnInheritedOne() {
    // The helper's input is an Integer: passed as it is, equals(Object) from Object would win.
    assertCompilesCleanly(
        Shape.of(
                """
                package p;
                import dev.asyncdsl.Async;
                public class Quads {
                  @Async public boolean equals(int quad) {
                    return quad % 4 == 0;
                  }
                  @Async public String wait(int seconds) {
                    return "waited " + seconds;
                  }
                }
                """,
                "p.QuadsAsync")
            .containing(
                "p.QuadsAsync: input -> this.equals((int) input)",
                "p.QuadsAsync: input -> this.wait((int) input)"));
  }

  @ParameterizedTest(name = "suppressed {0}")
  @ValueSource(strings = {"nowhere", "on the type", "on the method"})
  void overloadsTheCompilerCallsPotentiallyAmbiguous(String where) {
    // javac's overloads lint fires in the user's type unless suppressed, and must not in the twin.
    String onType = where.equals("on the type") ? "@SuppressWarnings(\"overloads\")\n" : "";
    String onMethod = where.equals("on the method") ? "@SuppressWarnings(\"overloads\") " : "";
    Shape shape =
        Shape.of(
                """
                package p;
                import dev.asyncdsl.Async;
                import java.util.function.Consumer;
                import java.util.function.Function;
                %spublic class Steps {
                  %s@Async public void then(Consumer<String> action) {
                    action.accept("a");
                  }
                  %s@Async public <V> V then(Function<String, V> step) {
                    return step.apply("a");
                  }
                }
                """
                    .formatted(onType, onMethod, onMethod),
                "p.StepsAsync")
            .containing(
                "p.StepsAsync: @SuppressWarnings(\"overloads\")\npublic final class StepsAsync");
    if (where.equals("nowhere")) {
      shape = shape.withOptions("-Xlint:-overloads");
    }
    assertCompilesCleanly(shape);
  }

  @Test
  void rawTypeInTheBoundOfTheClassesTypeVariable() {
    assertCompilesCleanly(
        Shape.of(
                """
                package p;
                import dev.asyncdsl.Async;
                @SuppressWarnings("rawtypes")
                public class Domain<C extends Comparable> {
                  @Async public C pick(C a) {
                    return a;
                  }
                }
                """,
                "p.DomainAsync")
            .containing(
                "p.DomainAsync: @SuppressWarnings(\"rawtypes\")\npublic final class DomainAsync<C extends Comparable>"));
  }

  @Test
  void signatureNamingTheTypesOwnTwin() {
    assertCompilesCleanly(
        Shape.of(
                """
                package p;
                import dev.asyncdsl.Async;
                import java.util.List;
                public class Crawler {
                  @Async public List<String> crawl(CrawlerAsync self, String url) {
                    return List.of(url);
                  }
                  @Async public CrawlerAsync[] twins(List<? extends CrawlerAsync> all) {
                    return all.toArray(new CrawlerAsync[0]);
                  }
                }
                """,
                "p.CrawlerAsync")
            .containing(
                "p.CrawlerAsync: public CompletableFuture<List<String>> crawl(CrawlerAsync self, String url)",
                "p.CrawlerAsync: twins(List<? extends CrawlerAsync> all)"));
  }

  @Test
  void twinsThatNameEachOther() {
    assertCompilesCleanly(
        Shape.of(
                """
                package p;
                import dev.asyncdsl.Async;
                import q.PaymentsAsync;
                public class Orders {
                  @Async public String place(PaymentsAsync payments) {
                    return "placed";
                  }
                }
                """,
                """
                package q;
                import dev.asyncdsl.Async;
                public class Payments {
                  @Async public String refund(p.OrdersAsync orders) {
                    return "refunded";
                  }
                }
                """,
                """
                package q;
                import dev.asyncdsl.Async;
                import p.*;
                public class Ledger {
                  @Async public String book(OrdersAsync orders, PaymentsAsync payments) {
                    return "booked";
                  }
                }
                """,
                "p.OrdersAsync",
                "q.PaymentsAsync",
                "q.LedgerAsync")
            .containing(
                "p.OrdersAsync: import q.PaymentsAsync;",
                "q.PaymentsAsync: import p.OrdersAsync;",
                "q.LedgerAsync: book(OrdersAsync orders, PaymentsAsync payments)"));
  }
}
