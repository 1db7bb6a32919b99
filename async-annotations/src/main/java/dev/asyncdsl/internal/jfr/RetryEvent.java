package dev.asyncdsl.internal.jfr;

import dev.asyncdsl.AsyncMethod;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** An attempt failed and the method retries after a delay. */
@Name("dev.asyncdsl.RetryScheduled")
@Label("Async Retry Scheduled")
@Category({"dev.asyncdsl", "Fault Tolerance"})
@Description("An attempt failed and @Retry starts the next one after a delay")
@StackTrace(false)
final class RetryEvent extends jdk.jfr.Event {
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
  @Description("The number of the attempt that failed, from 1; the next is this plus one")
  int attempt;

  @Label("Delay")
  @Description("The delay before the next attempt, jitter included")
  @Timespan(Timespan.NANOSECONDS)
  long delay;

  @Label("Failure")
  @Description("The class of what the failed attempt failed with")
  Class<?> failureClass;

  @Label("Failure Message")
  @Description("The message of what the failed attempt failed with")
  String failureMessage;

  RetryEvent(AsyncMethod of, int number, long delayNanos) {
    method = of.name();
    className = of.className();
    methodName = of.methodName();
    attempt = number;
    delay = delayNanos;
  }
}
