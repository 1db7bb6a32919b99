package dev.asyncdsl.internal.jfr;

import dev.asyncdsl.AsyncMethod;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A method's open circuit turned an attempt away. */
@Name("dev.asyncdsl.CircuitRejection")
@Label("Async Circuit Rejection")
@Category({"dev.asyncdsl", "Fault Tolerance"})
@Description(
    "A method's circuit was open: the attempt did not run and failed with"
        + " CircuitBreakerOpenException")
@StackTrace(false)
final class CircuitRejectionEvent extends jdk.jfr.Event {
  @Label("Method")
  @Description("The method as the twin names it, e.g. Mirror.celsius(String)")
  String method;

  @Label("Class")
  @Description("The binary name of the class that declares the method")
  String className;

  @Label("Method Name")
  @Description("The method's simple name")
  String methodName;

  @Label("Attempt")
  @Description("The attempt turned away, from 1")
  int attempt;

  CircuitRejectionEvent(AsyncMethod of, int number) {
    method = of.name();
    className = of.className();
    methodName = of.methodName();
    attempt = number;
  }
}
