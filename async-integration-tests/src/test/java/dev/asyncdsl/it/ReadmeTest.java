package dev.asyncdsl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's before-and-after must show the real user class and the real generated twin. */
class ReadmeTest {
  private static final Path README = Path.of("..", "README.md");

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
            Path.of("target/generated-sources/annotations/com/example/weather/ForecastsAsync.java")),
        codeAfter("<!-- readme:generated-class -->"));
  }

  @Test
  void faultTolerantClassInTheReadmeIsTheCompiledOne() throws IOException {
    assertEquals(
        Files.readString(Path.of("src/main/java/com/example/weather/Mirror.java")),
        codeAfter("<!-- readme:fault-tolerant-class -->"));
  }

  @Test
  void faultTolerantTwinInTheReadmeIsWhatTheProcessorWrites() throws IOException {
    assertEquals(
        Files.readString(
            Path.of("target/generated-sources/annotations/com/example/weather/MirrorAsync.java")),
        codeAfter("<!-- readme:fault-tolerant-twin -->"));
  }

  /** The body of the first fenced code block after {@code marker}. */
  private static String codeAfter(String marker) throws IOException {
    List<String> lines = Files.readAllLines(README);
    int index = lines.indexOf(marker);
    assertTrue(index >= 0, "README.md has no " + marker);
    assertTrue(lines.get(index + 1).startsWith("```"), "a code block must follow " + marker);
    StringBuilder code = new StringBuilder();
    for (int i = index + 2; !lines.get(i).equals("```"); i++) {
      code.append(lines.get(i)).append('\n');
    }
    return code.toString();
  }
}
