package dev.asyncdsl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncdsl.processor.diagnostic.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README and the guide under {@code docs/} must show the real user classes and the real
 * generated twins, list every diagnostic, give the commands CI runs, and link only to what exists.
 */
class ReadmeTest {
  private static final Path ROOT = Path.of("..");
  private static final Path README = ROOT.resolve("README.md");
  private static final Path DOCS = ROOT.resolve("docs");

  /** A Markdown link or image: {@code [text](target)}, the target without a title. */
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

  @Test
  void userClassInTheReadmeIsTheCompiledOne() throws IOException {
    assertEquals(
        Files.readString(Path.of("src/main/java/com/example/weather/Forecasts.java")),
        codeAfter("<!-- readme:user-class -->"));
  }

  @Test
  void generatedClassInTheReadmeIsWhatTheProcessorWrites() throws IOException {
    assertEquals(
        Files.readString(
            Path.of(
                "target/generated-sources/annotations/com/example/weather/ForecastsAsync.java")),
        codeAfter("<!-- readme:generated-class -->"));
  }

  @Test
  void faultTolerantClassInTheGuideIsTheCompiledOne() throws IOException {
    assertEquals(
        Files.readString(Path.of("src/main/java/com/example/weather/Mirror.java")),
        codeAfter("<!-- readme:fault-tolerant-class -->"));
  }

  @Test
  void faultTolerantTwinInTheGuideIsWhatTheProcessorWrites() throws IOException {
    assertEquals(
        Files.readString(
            Path.of("target/generated-sources/annotations/com/example/weather/MirrorAsync.java")),
        codeAfter("<!-- readme:fault-tolerant-twin -->"));
  }

  /** The README's two commands are the ones CI runs ({@code .ci/run}), spelled the same. */
  @Test
  void theReadmesTwoCommandsAreTheOnesCiRuns() throws IOException {
    List<String> commands = new ArrayList<>();
    for (String line : codeAfter("## Two commands", README).split("\n")) {
      commands.add(line.replaceFirst("\\s+#.*$", ""));
    }
    assertEquals(List.of("mvn -q -Pdemo -DskipTests package", "mvn verify"), commands);
    String ci = Files.readString(ROOT.resolve(".ci/run"));
    assertTrue(ci.contains("test_command=(mvn verify)"), ".ci/run no longer runs mvn verify");
    assertTrue(
        ci.contains("demo_command=(mvn -q -Pdemo -DskipTests package)"),
        ".ci/run no longer runs the README's demo command");
  }

  /** The diagnostics table names every {@link Message}, with its kind, and nothing else. */
  @Test
  void theDiagnosticsTableListsEveryMessage() throws IOException {
    Map<String, String> expected = new TreeMap<>();
    for (Message message : Message.values()) {
      expected.put(message.name(), message.kind().name().toLowerCase(Locale.ROOT));
    }
    Map<String, String> listed = new TreeMap<>();
    Pattern row = Pattern.compile("^\\| `([A-Z_]+)` \\| (error|warning|note) \\|.*");
    for (String line : Files.readAllLines(DOCS.resolve("compile-time-checks.md"))) {
      Matcher matcher = row.matcher(line);
      if (matcher.matches()) {
        assertNull(listed.put(matcher.group(1), matcher.group(2)), "listed twice");
      }
    }
    Map<String, String> missing = new TreeMap<>(expected);
    missing.entrySet().removeAll(listed.entrySet());
    Map<String, String> extra = new TreeMap<>(listed);
    extra.entrySet().removeAll(expected.entrySet());
    assertEquals(expected, listed, "not listed as such: " + missing + "; listed wrongly: " + extra);
  }

  /**
   * Every relative link in the README, the guide and the other top-level Markdown files names a
   * file that exists and, where it has a {@code #fragment}, a heading of that file.
   */
  @Test
  void everyRelativeLinkResolves() throws IOException {
    List<String> broken = new ArrayList<>();
    Map<Path, List<String>> anchors = new HashMap<>();
    for (Path page : markdownPages()) {
      for (String target : links(page)) {
        if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
          continue; // https:, mailto: and the like
        }
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        Path linked = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        if (!Files.exists(linked)) {
          broken.add(page + ": " + target + " (no such file)");
        } else if (hash >= 0 && linked.toString().endsWith(".md")) {
          String anchor = target.substring(hash + 1);
          if (!anchors.computeIfAbsent(linked, ReadmeTest::headingAnchors).contains(anchor)) {
            broken.add(page + ": " + target + " (no such heading)");
          }
        }
      }
    }
    assertEquals(List.of(), broken);
  }

  /** The README, every page of the guide and the other top-level Markdown files. */
  private static List<Path> markdownPages() throws IOException {
    List<Path> pages = new ArrayList<>();
    for (Path directory : List.of(ROOT, DOCS)) {
      try (Stream<Path> files = Files.list(directory)) {
        files.filter(file -> file.toString().endsWith(".md")).sorted().forEach(pages::add);
      }
    }
    assertTrue(pages.contains(README) && pages.contains(DOCS.resolve("README.md")), "" + pages);
    return pages;
  }

  /** The link targets of {@code page}, outside code blocks and code spans. */
  private static List<String> links(Path page) throws IOException {
    List<String> targets = new ArrayList<>();
    boolean inCode = false;
    for (String line : Files.readAllLines(page)) {
      if (line.startsWith("```")) {
        inCode = !inCode;
        continue;
      }
      if (inCode) {
        continue;
      }
      Matcher matcher = LINK.matcher(line.replaceAll("`[^`]*`(?!\\])", "``"));
      while (matcher.find()) {
        targets.add(matcher.group(1));
      }
    }
    return targets;
  }

  /** The anchors GitHub gives the headings of {@code page}, repeated ones numbered. */
  private static List<String> headingAnchors(Path page) {
    List<String> anchors = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    boolean inCode = false;
    try {
      for (String line : Files.readAllLines(page)) {
        if (line.startsWith("```")) {
          inCode = !inCode;
        } else if (!inCode && line.matches("^#{1,6} .*")) {
          String slug =
              line.replaceFirst("^#+ ", "")
                  .trim()
                  .toLowerCase(Locale.ROOT)
                  .replaceAll("[^\\p{L}\\p{N} _-]", "")
                  .replace(' ', '-');
          int count = seen.merge(slug, 1, Integer::sum);
          anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return anchors;
  }

  /** The body of the one fenced code block after {@code marker}, in the README or the guide. */
  private static String codeAfter(String marker) throws IOException {
    List<Path> holders = new ArrayList<>();
    for (Path page : markdownPages()) {
      if (Files.readAllLines(page).contains(marker)) {
        holders.add(page);
      }
    }
    assertEquals(1, holders.size(), "pages holding " + marker + ": " + holders);
    return codeAfter(marker, holders.get(0));
  }

  /**
   * The body of the fenced code block right after {@code marker} in {@code page}; for a heading, of
   * the first code block in its section.
   */
  private static String codeAfter(String marker, Path page) throws IOException {
    List<String> lines = Files.readAllLines(page);
    int index = lines.indexOf(marker);
    assertTrue(index >= 0, page + " has no " + marker);
    int open = index + 1;
    if (marker.startsWith("#")) { // a heading: its section's first code block
      while (!lines.get(open).startsWith("```") && !lines.get(open).startsWith("#")) {
        open++;
      }
    }
    assertTrue(lines.get(open).startsWith("```"), "a code block must follow " + marker);
    StringBuilder code = new StringBuilder();
    for (int i = open + 1; !lines.get(i).equals("```"); i++) {
      code.append(lines.get(i)).append('\n');
    }
    return code.toString();
  }
}
