package dev.asyncdsl.processor.validation;

import dev.asyncdsl.processor.diagnostic.Report;
import java.util.List;
import javax.lang.model.element.ExecutableElement;

/**
 * What validating the {@code @Durable} methods of one type decided.
 *
 * @param report the diagnostics, to print
 * @param methods the {@code @Durable} methods, in declaration order
 */
public record JobsValidation(Report report, List<ExecutableElement> methods) {
  public JobsValidation {
    methods = List.copyOf(methods);
  }

  /** Whether a jobs class is to be written: a clean report and a method to run. */
  public boolean hasJobs() {
    return report.isClean() && !methods.isEmpty();
  }
}
