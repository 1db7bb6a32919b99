package dev.asyncdsl.internal.jfr;

import dev.asyncdsl.AsyncMethod;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * One attempt of a call under fault-tolerance policies, from the moment the circuit let it through
 * (before it waits for the bulkhead) to its end: a duration event.
 */
@Name("dev.asyncdsl.Attempt")
@Label("Async Attempt")
@Category({"dev.asyncdsl", "Calls"})
@Description(
    "An attempt of a call under fault-tolerance policies, from the moment the circuit let it"
        + " through, bulkhead wait included, to its end")
@StackTrace(false)
final class AttemptEvent extends jdk.jfr.Event {
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
  @Description("The attempt's number, from 1")
  int attempt;

  @Label("Outcome")
  @Description("How the attempt ended: SUCCEEDED, FAILED, TIMED_OUT or CANCELLED")
  String outcome;

  @Label("Failure")
  @Description("The class of what the attempt failed with; empty when it succeeded")
  Class<?> failureClass;

  @Label("Failure Message")
  @Description("The message of what the attempt failed with")
  String failureMessage;

  AttemptEvent(AsyncMethod of, int number) {
    method = of.name();
    className = of.className();
    methodName = of.methodName();
    attempt = number;
  }
}
