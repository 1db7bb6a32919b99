package dev.asyncdsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.asyncdsl.internal.jfr.JfrCallListener;
import dev.asyncdsl.jfrprobe.JfrProbe;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Flight Recorder hook in JVMs of their own: without the {@code jdk.jfr} module (limited away,
 * or an image linked without it) calls run, on the class path and on the module path, and nothing
 * is logged; with a recording started by {@code -XX:StartFlightRecording} the listener is in before
 * the first call, and the calls are in the file.
 */
@org.junit.jupiter.api.Timeout(value = 120, unit = TimeUnit.SECONDS)
class FlightRecorderForkTest {
  private static final String PROBE = JfrProbe.class.getName();
  private static final String NO_LISTENER = "ok listeners=[] jfr=false";

  @TempDir Path dir;

  @Test
  void runsOnTheClassPathWithoutJdkJfr() throws Exception {
    Run run =
        run(
            java(),
            "--limit-modules",
            "java.base",
            "-cp",
            runtimeClasses() + File.pathSeparator + testClasses(),
            PROBE);
    run.assertQuietly(NO_LISTENER);
  }

  @Test
  void runsOnTheModulePathWithoutJdkJfr() throws Exception {
    Run run =
        run(
            java(),
            "--limit-modules",
            "java.base,dev.asyncdsl",
            "--module-path",
            runtimeClasses(),
            "--add-modules",
            "dev.asyncdsl",
            "-cp",
            testClasses(),
            PROBE);
    run.assertQuietly(NO_LISTENER);
  }

  @Test
  void runsInAnImageLinkedWithoutJdkJfr() throws Exception {
    Path jlink = Path.of(System.getProperty("java.home"), "bin", "jlink");
    assumeTrue(Files.isExecutable(jlink), "no jlink in " + System.getProperty("java.home"));
    Path image = dir.resolve("image");
    Run link =
        run(
            jlink.toString(),
            "--add-modules",
            "java.base",
            "--strip-debug",
            "--no-man-pages",
            "--no-header-files",
            "--output",
            image.toString());
    assertEquals(0, link.exit, "jlink: " + link.out + link.err);
    Run run =
        run(
            image.resolve("bin").resolve("java").toString(),
            "-cp",
            runtimeClasses() + File.pathSeparator + testClasses(),
            PROBE);
    run.assertQuietly(NO_LISTENER);
  }

  @Test
  void aRecordingStartedWithTheJvmHearsTheFirstCall() throws Exception {
    Path file = dir.resolve("started.jfr");
    Run run =
        run(
            java(),
            "-XX:StartFlightRecording:filename=" + file + ",settings=profile",
            "-cp",
            runtimeClasses() + File.pathSeparator + testClasses(),
            PROBE);
    assertEquals(0, run.exit, run.out + run.err);
    // Flight Recorder says on the output that it started: the probe's line is the last.
    List<String> lines = run.out.lines().collect(Collectors.toList());
    assertEquals(
        "ok listeners=[" + JfrCallListener.class.getName() + "] jfr=true",
        lines.get(lines.size() - 1),
        run.out + run.err);
    List<RecordedEvent> events = new ArrayList<>();
    for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
      if (event.getEventType().getName().startsWith("dev.asyncdsl.")) {
        events.add(event);
      }
    }
    assertEquals(
        List.of("Forecasts.celsius()", "Forecasts.fetch()"),
        events.stream()
            .filter(e -> e.getEventType().getName().equals("dev.asyncdsl.Call"))
            .map(e -> e.getString("method"))
            .sorted()
            .collect(Collectors.toList()),
        events.toString());
    assertEquals(
        2,
        events.stream()
            .filter(e -> e.getEventType().getName().equals("dev.asyncdsl.Attempt"))
            .count(),
        events.toString());
    assertEquals(
        1,
        events.stream()
            .filter(e -> e.getEventType().getName().equals("dev.asyncdsl.RetryScheduled"))
            .count(),
        events.toString());
    assertTrue(
        events.stream().allMatch(e -> e.getString("className").equals(JfrProbe.CLASS)),
        events.toString());
  }

  // ---------------------------------------------------------------------------------------------

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The runtime's classes, an exploded module (its module-info is there). */
  private static String runtimeClasses() throws URISyntaxException {
    return Path.of(AsyncRuntime.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .toString();
  }

  private static String testClasses() throws URISyntaxException {
    return Path.of(JfrProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .toString();
  }

  private Run run(String... command) throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("did not end in time: " + String.join(" ", command));
    }
    return new Run(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static final class Run {
    final int exit;
    final String out;
    final String err;

    Run(int exit, String out, String err) {
      this.exit = exit;
      this.out = out;
      this.err = err;
    }

    /** It answered {@code line} alone and wrote nothing else: no error, no warning, no log. */
    void assertQuietly(String line) {
      assertEquals(0, exit, out + err);
      assertEquals(line + System.lineSeparator(), out, err);
      assertEquals("", err);
    }
  }
}
