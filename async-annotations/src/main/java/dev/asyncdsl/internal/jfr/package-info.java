/**
 * The Flight Recorder room, beside the event room: the runtime's JFR events ({@code
 * dev.asyncdsl.Call}, {@code .Attempt}, {@code .Timeout}, {@code .RetryScheduled}, {@code
 * .CircuitStateChange}, {@code .BulkheadRejection}, {@code .CircuitRejection}), the {@link
 * dev.asyncdsl.spi.CallListener} that makes them, and the hook that keeps it in the listener list
 * while a recording wants them ({@link dev.asyncdsl.internal.jfr.FlightRecorderHook}). Not API, and
 * not exported. It hears calls as any listener does, through the SPI and the API's values, and
 * knows nothing of how they run. The module only {@code requires static jdk.jfr}: nothing here but
 * the hook is loaded unless the module is there.
 */
package dev.asyncdsl.internal.jfr;
