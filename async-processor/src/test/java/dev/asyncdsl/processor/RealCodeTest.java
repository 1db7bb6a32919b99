package dev.asyncdsl.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real code bases: the published sources of small libraries (unpacked into {@code target/real-code}
 * by the build), with {@code @Async} added to every public class, interface, enum and record,
 * compiled through the processor under {@code -Xlint:all}. Nothing may crash or fail, no warning
 * may come from a generated file, and asyncdsl may only say what type-level {@code @Async} is
 * documented to say.
 */
class RealCodeTest {
  private static final Path SOURCES = Path.of("target", "real-code");

  /** A public type declaration, at any nesting; not {@code @interface}. */
  private static final Pattern PUBLIC_TYPE =
      Pattern.compile(
          "(?m)^(\\s*)(public\\s+(?:(?:static|final|abstract|sealed|non-sealed|strictfp)\\s+)*"
              + "(?:class|interface|enum|record)\\s)");

  /** What type-level {@code @Async} may report on code that was not written for it. */
  private static final Set<String> EXPECTED_TAGS =
      Set.of("ASYNC_METHODS_LEFT_OUT", "ASYNC_TYPE_WITHOUT_METHODS", "ASYNC_SYNCHRONIZED");

  private static final Pattern TAG = Pattern.compile("\\[asyncdsl:(\\w+)]");

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"commons-lang3", "commons-cli"})
  void compilesWithAsyncOnEveryPublicType(String library) {
    List<JavaFileObject> sources = annotatedSources(SOURCES.resolve(library));
    assertTrue(sources.size() > 20, () -> library + ": only " + sources.size() + " sources");
    Compilation compilation =
        Compiler.javac()
            .withProcessors(new AsyncProcessor())
            .withOptions("-Xlint:all", "-Xmaxwarns", "100000", "-Xmaxerrs", "100000")
            .compile(sources);

    List<String> errors = describe(compilation.errors());
    assertEquals(List.of(), errors, library + ": errors");
    List<String> inTwins =
        describe(
            compilation.diagnostics().stream()
                .filter(
                    d ->
                        d.getSource() != null
                            && d.getSource().toUri().getPath().contains("SOURCE_OUTPUT"))
                .collect(Collectors.toList()));
    assertEquals(List.of(), inTwins, library + ": diagnostics in generated files");
    Set<String> tags = new TreeSet<>();
    for (Diagnostic<? extends JavaFileObject> diagnostic : compilation.diagnostics()) {
      Matcher tag = TAG.matcher(diagnostic.getMessage(Locale.ROOT));
      while (tag.find()) {
        tags.add(tag.group(1));
      }
    }
    assertTrue(EXPECTED_TAGS.containsAll(tags), () -> library + ": asyncdsl said " + tags);
    assertTrue(
        compilation.generatedSourceFiles().size() > 10,
        () -> library + ": only " + compilation.generatedSourceFiles().size() + " twins");
  }

  private static List<JavaFileObject> annotatedSources(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(path -> path.toString().endsWith(".java"))
          .filter(path -> !path.getFileName().toString().equals("module-info.java"))
          .sorted()
          .map(path -> source(root, path))
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JavaFileObject source(Path root, Path path) {
    try {
      String text = Files.readString(path);
      String annotated = PUBLIC_TYPE.matcher(text).replaceAll("$1@dev.asyncdsl.Async $2");
      String name = root.relativize(path).toString().replace('/', '.').replaceAll("\\.java$", "");
      return JavaFileObjects.forSourceString(name, annotated);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> describe(
      List<? extends Diagnostic<? extends JavaFileObject>> diagnostics) {
    return diagnostics.stream()
        .map(
            d ->
                (d.getSource() == null
                        ? ""
                        : d.getSource().getName() + ":" + d.getLineNumber() + ": ")
                    + d.getMessage(Locale.ROOT))
        .limit(40)
        .collect(Collectors.toList());
  }
}
