/**
 * OpenTelemetry's context for asyncdsl's twins: {@link
 * dev.asyncdsl.opentelemetry.OpenTelemetryContextPropagator} carries the caller's {@code
 * io.opentelemetry.context.Context} (its current span, its baggage) to every place the runtime runs
 * the call's code. It is found with {@link java.util.ServiceLoader}: adding this jar to the class
 * path is all it takes.
 */
package dev.asyncdsl.opentelemetry;
