package dev.asyncdsl.benchmarks.spring;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /diag}: the JVM's live platform threads (virtual threads are not counted there) and, per
 * variant, the downstream calls whose method is still running (a virtual thread each, and a
 * connection).
 */
@RestController
public class DiagnosticsController {
  private final AsyncdslReadings asyncdsl;
  private final SpringAsyncDownstream resilience4j;
  private final HandWrittenReadings handWritten;

  DiagnosticsController(
      AsyncdslReadings asyncdsl,
      SpringAsyncDownstream resilience4j,
      HandWrittenReadings handWritten) {
    this.asyncdsl = asyncdsl;
    this.resilience4j = resilience4j;
    this.handWritten = handWritten;
  }

  /** What is alive now. */
  @GetMapping("/diag")
  public Map<String, Integer> diagnostics() {
    Map<String, Integer> now = new LinkedHashMap<>();
    now.put("platformThreads", ManagementFactory.getThreadMXBean().getThreadCount());
    now.put("asyncdslRunning", asyncdsl.downstream.running());
    now.put("resilience4jRunning", resilience4j.downstream().running());
    now.put("handwrittenRunning", handWritten.downstream.running());
    return now;
  }

  /** The live platform threads by name, their numbers replaced by {@code #}, and how many. */
  @GetMapping("/diag/threads")
  public Map<String, Integer> threads() {
    Map<String, Integer> names = new TreeMap<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      names.merge(thread.getName().replaceAll("[0-9]+", "#"), 1, Integer::sum);
    }
    return names;
  }
}
