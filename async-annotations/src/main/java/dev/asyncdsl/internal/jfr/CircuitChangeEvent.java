package dev.asyncdsl.internal.jfr;

import dev.asyncdsl.AsyncMethod;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A method's circuit breaker moved from one state to another. */
@Name("dev.asyncdsl.CircuitStateChange")
@Label("Async Circuit State Change")
@Category({"dev.asyncdsl", "Fault Tolerance"})
@Description("A method's circuit breaker moved between CLOSED, OPEN and HALF_OPEN")
@StackTrace(false)
final class CircuitChangeEvent extends jdk.jfr.Event {
  @Label("Method")
  @Description("The method as the twin names it, e.g. Mirror.celsius(String)")
  String method;

  @Label("Class")
  @Description("The binary name of the class that declares the method")
  String className;

  @Label("Method Name")
  @Description("The method's simple name")
  String methodName;

  @Label("From")
  @Description("The state the circuit left")
  String from;

  @Label("To")
  @Description("The state the circuit is in now")
  String to;

  @Label("Own State")
  @Description(
      "Whether the circuit is a twin's own (StateScope.TWIN) rather than the method's, shared by"
          + " every twin")
  boolean ownState;

  CircuitChangeEvent(AsyncMethod of, String left, String now, boolean own) {
    method = of.name();
    className = of.className();
    methodName = of.methodName();
    from = left;
    to = now;
    ownState = own;
  }
}
