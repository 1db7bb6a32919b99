package dev.asyncdsl.agenttests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link ContextMatrix} in a forked JVM under the OpenTelemetry Java agent (on the JDK that
 * runs this test: CI builds on 17 and on 25) and checks every cell of its matrix. The forked JVM's
 * output goes to a file under target/agent-runs, read back here; nothing reaches the build's log.
 */
class AgentContextMatrixTest {
  /** A JVM that has not finished by then is stuck: it is destroyed and the test fails. */
  private static final long FORKED_JVM_TIMEOUT_SECONDS = 300;

  private static final Pattern CELL =
      Pattern.compile(
          "CELL (\\S+) trace=(KEPT|LOST|NEVER) mdc=(KEPT|LOST|NEVER) span=(CALL|CALLER|NEVER)"
              + " thread=(.*)");

  @Test
  void underTheAgentEveryCellKeepsTheTraceAndTheMdc() throws Exception {
    Run run = run("with-propagators");
    assertTrue(
        run.java.contains("OpenTelemetryContextPropagator") && run.java.contains("MdcPropagator"),
        "the ServiceLoader did not find both propagators: " + run.java);
    List<String> lost = new ArrayList<>();
    for (String cell : ContextMatrix.CELLS) {
      Cell seen = run.cell(cell);
      if (!seen.trace.equals("KEPT")) {
        lost.add(cell + " lost the trace (" + seen + ")");
      }
      if (!seen.mdc.equals("KEPT")) {
        lost.add(cell + " lost the MDC (" + seen + ")");
      }
    }
    assertTrue(
        lost.isEmpty(), "under the agent, on Java " + run.java + ":\n" + String.join("\n", lost));
    // The agent's tracer, through GlobalOpenTelemetry, records the calls' spans: every place a
    // call runs code has the call's span current, a child of the caller's (or, for the nested and
    // detached calls, of the outer call's) in the caller's trace.
    assertTrue(run.java.contains("spans=true"), "spans are off: " + run.java);
    List<String> outside = new ArrayList<>();
    for (String cell : ContextMatrix.CELLS) {
      Cell seen = run.cell(cell);
      if (!seen.span.equals("CALL")) {
        outside.add(cell + " did not run in its call's span (" + seen + ")");
      }
    }
    assertTrue(
        outside.isEmpty(),
        "under the agent, on Java " + run.java + ":\n" + String.join("\n", outside));
  }

  @Test
  void withTheSpansOffEveryCellKeepsTheTraceAndTheMdcInTheCallersSpan() throws Exception {
    Run run = run("spans-off");
    assertTrue(run.java.contains("spans=false"), "spans are on: " + run.java);
    List<String> wrong = new ArrayList<>();
    for (String cell : ContextMatrix.CELLS) {
      Cell seen = run.cell(cell);
      if (!seen.trace.equals("KEPT") || !seen.mdc.equals("KEPT") || !seen.span.equals("CALLER")) {
        wrong.add(cell + " (" + seen + ")");
      }
    }
    assertTrue(
        wrong.isEmpty(),
        "with the spans off, under the agent, on Java "
            + run.java
            + ":\n"
            + String.join("\n", wrong));
  }

  @Test
  void withoutThePropagatorsTheRetriesTheFallbackAndTheMdcAreLost() throws Exception {
    // What this module's fix is for: the agent alone does not carry the trace into the attempts
    // the runtime schedules nor into the fallback, and nothing carries the MDC. If this run ever
    // kept them, the test above would prove nothing.
    Run run = run("without-propagators");
    assertTrue(run.java.contains("propagators=[]"), "propagators still in use: " + run.java);
    for (String cell : List.of("attempt-2", "attempt-3", "fallback")) {
      Cell seen = run.cell(cell);
      assertEquals("LOST", seen.trace, cell + " kept the trace with no propagator: " + seen);
    }
    for (String cell : ContextMatrix.CELLS) {
      Cell seen = run.cell(cell);
      assertEquals("LOST", seen.mdc, cell + " kept the MDC with no propagator: " + seen);
    }
    if (run.java.contains("virtualThreads=true")) {
      // The agent does not follow Thread.startVirtualThread: even the plain body loses the trace.
      Cell body = run.cell("body");
      assertEquals("LOST", body.trace, "on virtual threads the body kept the trace: " + body);
    }
  }

  /** Runs the program under the agent in {@code mode} and parses its matrix. */
  private static Run run(String mode) throws IOException, InterruptedException {
    Path agent = Paths.get(System.getProperty("asyncdsl.javaagent"));
    assertTrue(Files.isRegularFile(agent), "the agent jar was not copied to " + agent);
    Path runs = Files.createDirectories(Paths.get(System.getProperty("asyncdsl.runs")));
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    Path output = runs.resolve(mode + "-java" + Runtime.version().feature() + ".log");

    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("-javaagent:" + agent);
    // No exporter, so no network; the agent's own logging off.
    command.add("-Dotel.traces.exporter=none");
    command.add("-Dotel.metrics.exporter=none");
    command.add("-Dotel.logs.exporter=none");
    command.add("-Dotel.javaagent.logging=none");
    command.add("-cp");
    command.add(classPath());
    command.add(ContextMatrix.class.getName());
    command.add(mode);

    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File(nullDevice())))
            .start();
    if (!process.waitFor(FORKED_JVM_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
      fail(
          "the forked JVM ("
              + mode
              + ") did not finish in "
              + FORKED_JVM_TIMEOUT_SECONDS
              + " s; its output so far:\n"
              + read(output));
    }
    String printed = read(output);
    assertEquals(0, process.exitValue(), "the forked JVM (" + mode + ") failed:\n" + printed);
    return new Run(mode, printed);
  }

  /** This test's class path, which holds the program, its libraries and no agent or SDK. */
  private static String classPath() {
    String classPath = System.getProperty("java.class.path");
    for (String entry : classPath.split(Pattern.quote(File.pathSeparator))) {
      String name = Paths.get(entry).getFileName().toString();
      assertTrue(
          !name.contains("javaagent") && !name.startsWith("opentelemetry-sdk"),
          "the forked JVM's class path must not hold " + entry);
    }
    assertTrue(
        classPath.contains("opentelemetry-api"),
        "the test's class path is not the module's (a surefire manifest jar?): " + classPath);
    return classPath;
  }

  private static String nullDevice() {
    return System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null";
  }

  private static String read(Path output) throws IOException {
    return Files.readString(output, StandardCharsets.UTF_8);
  }

  private static final class Cell {
    final String name;
    final String trace;
    final String mdc;
    final String span;
    final String thread;

    Cell(String name, String trace, String mdc, String span, String thread) {
      this.name = name;
      this.trace = trace;
      this.mdc = mdc;
      this.span = span;
      this.thread = thread;
    }

    @Override
    public String toString() {
      return name + ": trace " + trace + ", MDC " + mdc + ", span " + span + ", on " + thread;
    }
  }

  private static final class Run {
    final String mode;
    final String printed;
    final String java;
    final Map<String, Cell> cells = new LinkedHashMap<>();

    Run(String mode, String printed) {
      this.mode = mode;
      this.printed = printed;
      this.java =
          printed.lines().filter(line -> line.startsWith("INFO ")).collect(Collectors.joining(" "));
      assertTrue(
          printed.lines().anyMatch(line -> line.equals("DONE")),
          "the forked JVM (" + mode + ") did not finish its matrix:\n" + printed);
      for (String line : (Iterable<String>) printed.lines()::iterator) {
        Matcher matcher = CELL.matcher(line);
        if (matcher.matches()) {
          Cell cell =
              new Cell(
                  matcher.group(1),
                  matcher.group(2),
                  matcher.group(3),
                  matcher.group(4),
                  matcher.group(5));
          cells.put(cell.name, cell);
        }
      }
    }

    Cell cell(String name) {
      Cell cell = cells.get(name);
      if (cell == null) {
        fail("the forked JVM (" + mode + ") printed no line for cell " + name + ":\n" + printed);
      }
      if (cell.trace.equals("NEVER")) {
        fail("cell " + name + " never ran in the forked JVM (" + mode + "):\n" + printed);
      }
      return cell;
    }
  }
}
