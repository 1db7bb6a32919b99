package dev.asyncdsl.processor.validation;

import dev.asyncdsl.processor.diagnostic.Report;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;

/**
 * What validating one type decided.
 *
 * @param report the diagnostics, to print
 * @param methods the methods the twin runs, in declaration order: the {@code @Async} ones, and
 *     those type-level {@code @Async} takes and that can have a twin
 * @param gatherHelpers the methods among them that also get a gather helper
 * @param fallbacks the {@code @Fallback} method of each method that has one
 */
public record Validation(
    Report report,
    List<ExecutableElement> methods,
    Set<ExecutableElement> gatherHelpers,
    Map<ExecutableElement, ExecutableElement> fallbacks) {
  public Validation {
    methods = List.copyOf(methods);
    gatherHelpers = Set.copyOf(gatherHelpers);
    fallbacks = Map.copyOf(fallbacks);
  }

  /** Whether a twin is to be written: a clean report and something to run. */
  public boolean hasTwin() {
    return report.isClean() && !methods.isEmpty();
  }
}
