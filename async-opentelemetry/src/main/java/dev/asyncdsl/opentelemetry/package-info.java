/**
 * OpenTelemetry for asyncdsl's twins: {@link
 * dev.asyncdsl.opentelemetry.OpenTelemetryContextPropagator} carries the caller's {@code
 * io.opentelemetry.context.Context} (its current span, its baggage) to every place the runtime runs
 * the call's code, and {@link dev.asyncdsl.opentelemetry.OpenTelemetryCallListener} records a span
 * per call, and one per attempt of a method that retries ({@link
 * dev.asyncdsl.opentelemetry.OpenTelemetrySpans} turns them off). Both are found with {@link
 * java.util.ServiceLoader}: adding this jar to the class path is all it takes.
 */
package dev.asyncdsl.opentelemetry;
