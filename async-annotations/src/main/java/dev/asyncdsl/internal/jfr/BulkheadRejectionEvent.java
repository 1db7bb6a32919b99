package dev.asyncdsl.internal.jfr;

import dev.asyncdsl.AsyncMethod;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** A method's bulkhead turned an attempt away: its slots and its queue were full. */
@Name("dev.asyncdsl.BulkheadRejection")
@Label("Async Bulkhead Rejection")
@Category({"dev.asyncdsl", "Fault Tolerance"})
@Description(
    "A method's bulkhead turned an attempt away (BulkheadFullException): its slots and its queue"
        + " were full")
@StackTrace(false)
final class BulkheadRejectionEvent extends jdk.jfr.Event {
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

  @Label("Waited")
  @Description("How long the attempt waited in the bulkhead's queue; 0 if it did not")
  @Timespan(Timespan.NANOSECONDS)
  long waited;

  BulkheadRejectionEvent(AsyncMethod of, int number, long waitedNanos) {
    method = of.name();
    className = of.className();
    methodName = of.methodName();
    attempt = number;
    waited = waitedNanos;
  }
}
