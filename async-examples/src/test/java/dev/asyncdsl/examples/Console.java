package dev.asyncdsl.examples;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Captures {@link System#out} line by line, with the {@link System#nanoTime()} at which each line
 * was printed, from any thread, until closed. What is captured is not echoed: the programs' lines
 * stay out of the build log, and a test that fails shows them in its assertion message.
 */
final class Console implements AutoCloseable {
  /** One printed line and when it was printed. */
  record Line(long nanos, String text) {}

  private final PrintStream original;
  private final Recorder recorder;

  private Console(PrintStream original, Recorder recorder) {
    this.original = original;
    this.recorder = recorder;
  }

  static Console capture() {
    PrintStream original = System.out;
    Recorder recorder = new Recorder();
    System.setOut(new PrintStream(recorder, true, StandardCharsets.UTF_8));
    return new Console(original, recorder);
  }

  List<String> lines() {
    return timedLines().stream().map(Line::text).toList();
  }

  List<Line> timedLines() {
    return recorder.lines();
  }

  @Override
  public void close() {
    System.setOut(original);
  }

  private static final class Recorder extends OutputStream {
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final List<Line> lines = new ArrayList<>();

    @Override
    public synchronized void write(int b) {
      if (b == '\n') {
        lines.add(new Line(System.nanoTime(), pending.toString(StandardCharsets.UTF_8)));
        pending.reset();
      } else if (b != '\r') {
        pending.write(b);
      }
    }

    synchronized List<Line> lines() {
      return List.copyOf(lines);
    }
  }
}
