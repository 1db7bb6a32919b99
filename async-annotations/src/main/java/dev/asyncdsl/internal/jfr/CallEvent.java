package dev.asyncdsl.internal.jfr;

import dev.asyncdsl.AsyncMethod;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * One call of an {@code @Async} method, from the call of the twin's method to the completion of its
 * future: a duration event, begun on the caller's thread and committed on the thread that completed
 * the call.
 */
@Name("dev.asyncdsl.Call")
@Label("Async Call")
@Category({"dev.asyncdsl", "Calls"})
@Description(
    "A call of an @Async method, from the call of the twin's method to the completion of its"
        + " future, with all its attempts, retry delays and fallback")
@StackTrace(false)
final class CallEvent extends jdk.jfr.Event {
  @Label("Method")
  @Description("The method as the twin names it, e.g. Mirror.celsius(String)")
  String method;

  @Label("Class")
  @Description("The binary name of the class that declares the method")
  String className;

  @Label("Method Name")
  @Description("The method's simple name")
  String methodName;

  @Label("Outcome")
  @Description("How the call ended: SUCCEEDED, FAILED, TIMED_OUT or CANCELLED")
  String outcome;

  @Label("Failure")
  @Description("The class of what the call failed with; empty when it succeeded")
  Class<?> failureClass;

  @Label("Failure Message")
  @Description("The message of what the call failed with")
  String failureMessage;

  @Label("Attempts")
  @Description("How many attempts the policies made; 0 for a method without policies")
  int attempts;

  @Label("Retry Result")
  @Description(
      "Why the method stopped retrying (VALUE_RETURNED, NOT_RETRYABLE, MAX_RETRIES_REACHED,"
          + " MAX_DURATION_REACHED); empty for a method without @Retry")
  String retryResult;

  @Label("Fallback Applied")
  @Description("Whether the fallback answered for the call")
  boolean fallbackApplied;

  @Label("Caller Thread")
  @Description("The thread that called the twin's method (the event's own thread completed it)")
  Thread callerThread;

  CallEvent(AsyncMethod of) {
    method = of.name();
    className = of.className();
    methodName = of.methodName();
    callerThread = Thread.currentThread();
  }
}
