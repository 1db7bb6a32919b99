/**
 * Micrometer metrics for twins: {@link dev.asyncdsl.micrometer.AsyncMetrics}, a {@link
 * io.micrometer.core.instrument.binder.MeterBinder} that records every twin's calls with the meter
 * names and tags of MicroProfile Fault Tolerance ({@code ft.invocations.total}, {@code ft.retry.*},
 * {@code ft.timeout.*}, {@code ft.circuitbreaker.*}, {@code ft.bulkhead.*}), as SmallRye Fault
 * Tolerance registers them in Micrometer. It hears the calls through the runtime's {@link
 * dev.asyncdsl.spi.CallListener}; bind it to a registry yourself, as any Micrometer binder: {@code
 * new AsyncMetrics().bindTo(registry)}.
 */
package dev.asyncdsl.micrometer;
