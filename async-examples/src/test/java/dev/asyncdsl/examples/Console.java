package dev.asyncdsl.examples;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Captures {@link System#out} line by line, with the {@link System#nanoTime()} at which each line
 * was printed, from any thread, until closed. What is captured is still echoed to the real stdout.
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
    Recorder recorder = new Recorder(original);
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
    private final PrintStream echo;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final List<Line> lines = new ArrayList<>();

    Recorder(PrintStream echo) {
      this.echo = echo;
    }

    @Override
    public synchronized void write(int b) {
      echo.write(b);
      if (b == '\n') {
        lines.add(new Line(System.nanoTime(), pending.toString(StandardCharsets.UTF_8)));
        pending.reset();
      } else if (b != '\r') {
        pending.write(b);
      }
    }

    @Override
    public synchronized void flush() {
      echo.flush();
    }

    synchronized List<Line> lines() {
      return List.copyOf(lines);
    }
  }
}
