package dev.asyncdsl.opentelemetry;

import dev.asyncdsl.AsyncMethod;
import dev.asyncdsl.FaultTolerance;
import dev.asyncdsl.spi.CallListener;
import dev.asyncdsl.spi.CallObserver;
import dev.asyncdsl.spi.ContextPropagator;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Records a span per call of a twin's method, a child of the caller's current span, and one child
 * of it per attempt when the method retries.
 *
 * <p>It is found with {@link java.util.ServiceLoader} (this jar's {@code
 * META-INF/services/dev.asyncdsl.spi.CallListener}), so there is nothing to register; {@link
 * OpenTelemetrySpans#disable()} or {@code -Ddev.asyncdsl.opentelemetry.spans=false} turns the spans
 * off and keeps the context travelling. It hears the calls that name their method: generated twins'
 * and those made with an {@link AsyncMethod} ({@link CallListener} says which).
 *
 * <p><b>The call's span</b> is named after the method as {@code SimpleClass.method} (as the
 * OpenTelemetry Java agent names the span of a method it traces, e.g. with {@code @WithSpan}), of
 * kind {@link SpanKind#INTERNAL}, with {@code code.function.name} the method's fully qualified name
 * ({@code com.example.Mirror.celsius}: the semantic conventions' stable attribute, which took over
 * from {@code code.namespace} and {@code code.function}). It starts when the twin's method is
 * called and ends when the call has its outcome, with {@code asyncdsl.outcome} ({@code succeeded},
 * {@code failed}, {@code timed_out}, {@code cancelled}); a failure, a timeout and a cancel set the
 * status to {@link io.opentelemetry.api.trace.StatusCode#ERROR}, {@code error.type} to the
 * exception's class, and record the exception as an event. A fallback that answers for the call is
 * an event, {@code asyncdsl.fallback}, with the exception it answered for; an attempt the circuit
 * turned away one, {@code asyncdsl.circuit_rejected}.
 *
 * <p><b>The method's body runs with the call's span current</b>, and so do its retries, its
 * fallback and the callbacks the runtime runs for it: a span started there, or a twin called there,
 * is the call span's child. The listener hands the span to {@link OpenTelemetryContextPropagator},
 * which captures it as part of the caller's context, on the caller's thread, right after; with that
 * propagator unregistered, the call still has its span and nothing is handed.
 *
 * <p><b>An attempt's span</b>, for a method with {@code @Retry}, is named {@code SimpleClass.method
 * attempt}, a child of the call's span, with {@code asyncdsl.attempt} (from 1), {@code
 * asyncdsl.outcome}, the error as on the call's span, and, when another attempt follows, {@code
 * asyncdsl.retry.delay_ms}, the delay before it. The call's span then says {@code asyncdsl.retries}
 * and why they stopped, {@code asyncdsl.retry.end}. Each attempt's body runs with the call's span
 * current, not the attempt's: the runtime carries one context per call.
 *
 * <p><b>The tracer</b> is {@code dev.asyncdsl}'s, from {@link
 * OpenTelemetrySpans#useOpenTelemetry}'s instance or {@link
 * io.opentelemetry.api.GlobalOpenTelemetry#getOrNoop()}, asked at every call. With no SDK (and no
 * agent) it is the no-op one and a call costs one look at the global: no span, nothing handed. A
 * call whose span the sampler drops is not followed either: its body runs in the caller's context.
 */
public final class OpenTelemetryCallListener implements CallListener {
  /** The name of the tracer (its instrumentation scope). */
  public static final String INSTRUMENTATION_SCOPE = "dev.asyncdsl";

  /** Semantic conventions: the fully qualified name of the method. */
  static final AttributeKey<String> CODE_FUNCTION_NAME =
      AttributeKey.stringKey("code.function.name");

  /** This module's version, the tracer's; null if the build did not write it. */
  private static final String VERSION = readVersion();

  /** Stands for any instance of the propagator, all equal: whether it is in use. */
  private static final OpenTelemetryContextPropagator PROPAGATOR =
      new OpenTelemetryContextPropagator();

  /** The tracer last taken, with the instance it came from. */
  private static volatile Resolved resolved;

  /** Creates the listener; {@link java.util.ServiceLoader} does, so there is no need to. */
  public OpenTelemetryCallListener() {}

  /**
   * Starts the call's span and hands it to the capture that follows, or follows nothing when spans
   * are off or would not record.
   *
   * @param method the method called
   * @param policies its policies, or {@code null}: attempts have spans when it has a retry
   * @param fallback whether the call has a fallback
   * @return the call's span as an observer, or {@link CallObserver#IGNORE}
   */
  @Override
  public CallObserver callStarted(AsyncMethod method, FaultTolerance policies, boolean fallback) {
    if (!OpenTelemetrySpans.enabled()) {
      return CallObserver.IGNORE;
    }
    OpenTelemetry openTelemetry = OpenTelemetrySpans.openTelemetry();
    if (openTelemetry == OpenTelemetry.noop()) {
      return CallObserver.IGNORE;
    }
    Tracer tracer = tracer(openTelemetry);
    Context caller = Context.current();
    String name = spanName(method);
    Span span =
        tracer
            .spanBuilder(name)
            .setParent(caller)
            .setSpanKind(SpanKind.INTERNAL)
            .setAttribute(CODE_FUNCTION_NAME, functionName(method))
            .startSpan();
    if (!span.isRecording()) {
      return CallObserver.IGNORE; // a no-op tracer's, or one the sampler dropped: nothing to end
    }
    boolean retries = policies != null && policies.hasRetry();
    CallSpan call =
        new CallSpan(tracer, span, caller.with(span), retries ? name + " attempt" : null);
    // Handed only when the propagator will capture it: else nothing would take it.
    if (ContextPropagator.registered().contains(PROPAGATOR)) {
      call.handedIn(SpanHandoff.hand(call));
    }
    return call;
  }

  /** The tracer of {@code openTelemetry}, taken once per instance. */
  private static Tracer tracer(OpenTelemetry openTelemetry) {
    Resolved last = resolved;
    if (last != null && last.openTelemetry == openTelemetry) {
      return last.tracer;
    }
    Tracer tracer =
        VERSION == null
            ? openTelemetry.getTracer(INSTRUMENTATION_SCOPE)
            : openTelemetry.getTracer(INSTRUMENTATION_SCOPE, VERSION);
    resolved = new Resolved(openTelemetry, tracer);
    return tracer;
  }

  /**
   * The name of a call's span: {@code SimpleClass.method}, or the name of a method known only by
   * its name without its parameters.
   *
   * @param method the method
   * @return e.g. {@code "Mirror.celsius"}
   */
  static String spanName(AsyncMethod method) {
    String className = method.className();
    if (className.isEmpty()) {
      return withoutParameters(method.methodName());
    }
    return className.substring(className.lastIndexOf('.') + 1) + '.' + method.methodName();
  }

  /**
   * The {@code code.function.name} of a call: the method's fully qualified name with the class's
   * binary name, as the Java agent writes it ({@code Class.getName()}), or the name of a method
   * known only by its name without its parameters.
   *
   * @param method the method
   * @return e.g. {@code "com.example.Mirror.celsius"}, {@code "com.example.Outer$Inner.ping"}
   */
  static String functionName(AsyncMethod method) {
    return method.className().isEmpty()
        ? withoutParameters(method.methodName())
        : method.className() + "." + method.methodName();
  }

  private static String withoutParameters(String name) {
    int open = name.indexOf('(');
    return open > 0 && name.endsWith(")") ? name.substring(0, open) : name;
  }

  private static String readVersion() {
    try (InputStream in =
        OpenTelemetryCallListener.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return null;
      }
      Properties properties = new Properties();
      properties.load(in);
      String version = properties.getProperty("version");
      return version == null || version.isEmpty() || version.startsWith("${") ? null : version;
    } catch (IOException | RuntimeException unreadable) {
      return null;
    }
  }

  /**
   * All instances are one listener: registering another does nothing, and unregistering any removes
   * the one in use.
   *
   * @param other the object to compare with
   * @return whether it is an {@code OpenTelemetryCallListener}
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof OpenTelemetryCallListener;
  }

  @Override
  public int hashCode() {
    return OpenTelemetryCallListener.class.getName().hashCode();
  }

  @Override
  public String toString() {
    return "OpenTelemetryCallListener";
  }

  /** A tracer and the instance it came from. */
  private static final class Resolved {
    final OpenTelemetry openTelemetry;
    final Tracer tracer;

    Resolved(OpenTelemetry openTelemetry, Tracer tracer) {
      this.openTelemetry = openTelemetry;
      this.tracer = tracer;
    }
  }
}
