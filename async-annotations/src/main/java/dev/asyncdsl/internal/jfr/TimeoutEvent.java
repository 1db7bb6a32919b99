package dev.asyncdsl.internal.jfr;

import dev.asyncdsl.AsyncMethod;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** An attempt, or a whole call, ran out of its deadline. */
@Name("dev.asyncdsl.Timeout")
@Label("Async Timeout")
@Category({"dev.asyncdsl", "Fault Tolerance"})
@Description(
    "An attempt ran out of its @Timeout, or a call out of the deadline it inherited from the call"
        + " that made it")
@StackTrace(false)
final class TimeoutEvent extends jdk.jfr.Event {
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
  @Description("The attempt that timed out, from 1; 0 when the call as a whole did")
  int attempt;

  @Label("Elapsed")
  @Description("How long the attempt (or the call) had run when it timed out")
  @Timespan(Timespan.NANOSECONDS)
  long elapsed;

  TimeoutEvent(AsyncMethod of, int number, long elapsedNanos) {
    method = of.name();
    className = of.className();
    methodName = of.methodName();
    attempt = number;
    elapsed = elapsedNanos;
  }
}
