package dev.asyncdsl.processor.validation;

import dev.asyncdsl.processor.annotation.AnnotationReader;
import dev.asyncdsl.processor.annotation.CircuitBreakerAnnotation;
import dev.asyncdsl.processor.diagnostic.Message;
import dev.asyncdsl.processor.diagnostic.Report;
import dev.asyncdsl.processor.element.Inspector;

/** Checks a {@code @CircuitBreaker}: thresholds of one or more, a ratio, a delay, what counts. */
final class CircuitBreakerValidator extends AnnotationValidator<CircuitBreakerAnnotation> {
  CircuitBreakerValidator(Inspector inspector) {
    super(inspector, AnnotationReader.CIRCUIT_BREAKER);
  }

  @Override
  void checkValues(CircuitBreakerAnnotation circuit, String twinPackage, Report report) {
    atLeastOne(
        circuit,
        circuit.requestVolumeThreshold(),
        "it is how many of the latest calls the circuit weighs",
        report);
    atLeastOne(
        circuit,
        circuit.successThreshold(),
        "it is how many trial calls must succeed to close the circuit",
        report);
    double ratio = circuit.failureRatio().value();
    if (!(ratio >= 0 && ratio <= 1)) {
      report.add(
          Message.CIRCUIT_RATIO_OUT_OF_RANGE,
          circuit.holder(),
          circuit.mirror(),
          circuit.failureRatio().at(),
          ratio);
    }
    notNegative(circuit, circuit.delay(), report);
    checkFailureClasses(
        circuit,
        circuit.failures(),
        "no failure counts and the circuit never opens",
        twinPackage,
        report);
  }
}
