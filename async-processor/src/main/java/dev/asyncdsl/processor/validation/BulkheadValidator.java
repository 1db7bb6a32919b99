package dev.asyncdsl.processor.validation;

import dev.asyncdsl.processor.annotation.AnnotationReader;
import dev.asyncdsl.processor.annotation.BulkheadAnnotation;
import dev.asyncdsl.processor.diagnostic.Report;
import dev.asyncdsl.processor.element.Inspector;

/** Checks a {@code @Bulkhead}: room for at least one call, and a queue that is no negative. */
final class BulkheadValidator extends AnnotationValidator<BulkheadAnnotation> {
  BulkheadValidator(Inspector inspector) {
    super(inspector, AnnotationReader.BULKHEAD);
  }

  @Override
  void checkValues(BulkheadAnnotation bulkhead, String twinPackage, Report report) {
    atLeastOne(bulkhead, bulkhead.value(), "it is how many calls may run at once", report);
    notNegative(bulkhead, bulkhead.waitingTaskQueue(), report);
  }
}
