package dev.asyncdsl.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the synthetic projects of the javac-cost group: {@code N} classes in package {@code gen},
 * each with three {@code @Async} methods ({@code async}) or each an {@code @AutoValue} class with
 * three properties ({@code autovalue}). Both compile without their processor too, which is the
 * baseline each is measured against.
 *
 * <p>Usage: {@code JavacCostSources <async|autovalue> <N> <dir>}; writes {@code dir/src/gen/*.java}
 * and {@code dir/sources.txt} (the argument file listing them for javac).
 */
public final class JavacCostSources {
  private JavacCostSources() {}

  public static void main(String[] args) throws IOException {
    String kind = args[0];
    int n = Integer.parseInt(args[1]);
    Path dir = Path.of(args[2]);
    Path pkg = dir.resolve("src").resolve("gen");
    Files.createDirectories(pkg);
    List<String> files = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String name = "C" + i;
      String source;
      switch (kind) {
        case "async":
          source = asyncClass(name, i);
          break;
        case "autovalue":
          source = autoValueClass(name);
          break;
        default:
          throw new IllegalArgumentException("kind: async or autovalue, not " + kind);
      }
      Path file = pkg.resolve(name + ".java");
      Files.writeString(file, source);
      files.add(file.toAbsolutePath().toString());
    }
    Files.write(dir.resolve("sources.txt"), files);
  }

  private static String asyncClass(String name, int i) {
    return "package gen;\n"
        + "\n"
        + "import dev.asyncdsl.Async;\n"
        + "import java.util.List;\n"
        + "\n"
        + "public class "
        + name
        + " {\n"
        + "  private final int base = "
        + i
        + ";\n"
        + "\n"
        + "  @Async\n"
        + "  public int add(int x) {\n"
        + "    return x + base;\n"
        + "  }\n"
        + "\n"
        + "  @Async\n"
        + "  public List<String> names(String prefix, int count) throws java.io.IOException {\n"
        + "    return java.util.Collections.nCopies(count, prefix + base);\n"
        + "  }\n"
        + "\n"
        + "  @Async\n"
        + "  public void pause(long millis) throws InterruptedException {\n"
        + "    Thread.sleep(millis);\n"
        + "  }\n"
        + "}\n";
  }

  private static String autoValueClass(String name) {
    return "package gen;\n"
        + "\n"
        + "import com.google.auto.value.AutoValue;\n"
        + "import java.util.List;\n"
        + "\n"
        + "@AutoValue\n"
        + "public abstract class "
        + name
        + " {\n"
        + "  public abstract int count();\n"
        + "\n"
        + "  public abstract List<String> names();\n"
        + "\n"
        + "  public abstract long millis();\n"
        + "}\n";
  }
}
