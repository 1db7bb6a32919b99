package dev.asyncdsl.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.auto.value.processor.AutoValueProcessor;
import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Types that other processors generate in the same build, named in {@code @Async} signatures: the
 * twin waits for them whichever processor javac runs first, and the build stays free of warnings
 * under {@code -Xlint:all -Werror} (none about a file created in the last round).
 */
class OtherProcessorsTest {

  private static List<Processor> inOrder(Processor other, boolean asyncdslFirst) {
    List<Processor> processors = new ArrayList<>(List.of(other));
    processors.add(asyncdslFirst ? 0 : 1, new AsyncProcessor());
    return processors;
  }

  @ParameterizedTest(name = "asyncdsl first: {0}")
  @ValueSource(booleans = {true, false})
  void autoValueTypes(boolean asyncdslFirst) {
    JavaFileObject point =
        JavaFileObjects.forSourceLines(
            "p.Point",
            "package p;",
            "import com.google.auto.value.AutoValue;",
            "@AutoValue",
            "public abstract class Point {",
            "  public abstract int x();",
            "  public static Point of(int x) {",
            "    return new AutoValue_Point(x);",
            "  }",
            "}");
    JavaFileObject plotter =
        JavaFileObjects.forSourceLines(
            "p.Plotter",
            "package p;",
            "import dev.asyncdsl.Async;",
            "import java.util.List;",
            "public class Plotter {",
            "  @Async public AutoValue_Point plot(List<AutoValue_Point> points) {",
            "    return points.get(0);",
            "  }",
            "}");
    // AutoValue never claims @AutoValue, which javac's processing lint reports.
    Compilation compilation =
        Compiler.javac()
            .withProcessors(inOrder(new AutoValueProcessor(), asyncdslFirst))
            .withOptions("-Xlint:all,-processing", "-Werror")
            .compile(point, plotter);
    assertThat(compilation).succeededWithoutWarnings();
    String twin = Compilers.generated(compilation, "p.PlotterAsync");
    assertTrue(
        twin.contains("CompletableFuture<AutoValue_Point> plot(List<AutoValue_Point> points)"),
        twin);

    // With that lint on, -Werror ends the rounds early: the twin's types resolve only in the last
    // round, where it must not be written (javac warns about a file created there).
    Compilation stopped =
        Compiler.javac()
            .withProcessors(inOrder(new AutoValueProcessor(), asyncdslFirst))
            .withOptions("-Xlint:all", "-Werror")
            .compile(point, plotter);
    assertThat(stopped).failed();
    assertThat(stopped).hadWarningCount(1);
    assertThat(stopped).hadWarningContaining("No processor claimed any of these annotations");
    assertThat(stopped).hadErrorCount(1);
    assertThat(stopped).hadErrorContaining("warnings found and -Werror specified");
  }

  @ParameterizedTest(name = "asyncdsl first: {0}")
  @ValueSource(booleans = {true, false})
  void typesFromAGeneratorThatRunsInALaterRound(boolean asyncdslFirst) {
    // The generator writes q.Money only once it sees its own generated q.Trigger: round 2.
    JavaFileObject wallet =
        JavaFileObjects.forSourceLines(
            "p.Wallet",
            "package p;",
            "import dev.asyncdsl.Async;",
            "@q.Make",
            "public class Wallet {",
            "  @Async public q.Money total(q.Money a, q.Money b) {",
            "    return new q.Money(a.cents() + b.cents());",
            "  }",
            "}");
    JavaFileObject make =
        JavaFileObjects.forSourceLines("q.Make", "package q;", "public @interface Make {}");
    Compilation compilation =
        Compiler.javac()
            .withProcessors(inOrder(new TwoRoundGenerator(), asyncdslFirst))
            .withOptions("-Xlint:all", "-Werror")
            .compile(wallet, make);
    assertThat(compilation).succeededWithoutWarnings();
    assertTrue(
        Compilers.generated(compilation, "p.WalletAsync")
            .contains("CompletableFuture<Money> total(Money a, Money b)"));
  }

  @ParameterizedTest(name = "asyncdsl first: {0}")
  @ValueSource(booleans = {true, false})
  void durableArgumentsFromAGeneratorThatRunsInALaterRound(boolean asyncdslFirst) {
    // Until q.Money exists, whether a job can store it cannot be told: the type waits for it.
    JavaFileObject wallet =
        JavaFileObjects.forSourceLines(
            "p.Wallet",
            "package p;",
            "import dev.asyncdsl.Durable;",
            "@q.Make",
            "public class Wallet {",
            "  @Durable public static void pay(q.Money amount, java.util.List<q.Money> fees) {}",
            "}");
    JavaFileObject make =
        JavaFileObjects.forSourceLines("q.Make", "package q;", "public @interface Make {}");
    Compilation compilation =
        Compiler.javac()
            .withProcessors(inOrder(new TwoRoundGenerator(), asyncdslFirst))
            .withOptions("-Xlint:all", "-Werror")
            .compile(wallet, make);
    assertThat(compilation).succeededWithoutWarnings();
    assertTrue(
        Compilers.generated(compilation, "p.WalletJobs")
            .contains("public static JobId pay(Money amount, List<Money> fees)"));
  }

  /** Writes {@code q.Trigger} for {@code @q.Make}, then {@code q.Money} for {@code @q.Made}. */
  static final class TwoRoundGenerator extends AbstractProcessor {
    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("q.Make", "q.Made");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      for (TypeElement annotation : annotations) {
        if (annotation.getQualifiedName().contentEquals("q.Make")) {
          write("q.Made", "package q;\npublic @interface Made {}\n");
          write("q.Trigger", "package q;\n@Made\npublic final class Trigger {}\n");
        } else {
          write("q.Money", "package q;\npublic record Money(long cents) {}\n");
        }
      }
      return true;
    }

    private void write(String name, String text) {
      try (Writer writer = processingEnv.getFiler().createSourceFile(name).openWriter()) {
        writer.write(text);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
