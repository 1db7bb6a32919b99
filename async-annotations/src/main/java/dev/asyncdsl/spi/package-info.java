/**
 * What other libraries and applications plug into the runtime. Exported by the module, and found
 * with {@link java.util.ServiceLoader} or registered in code.
 *
 * <ul>
 *   <li>{@link dev.asyncdsl.spi.ContextPropagator}: a thread-bound context (a trace, the MDC, a
 *       thread-local of your own) that travels from a twin's caller to the method's body, its
 *       retries, its fallback and the callbacks the runtime runs. The modules {@code
 *       async-context-slf4j}, {@code async-opentelemetry} and {@code async-context-micrometer}
 *       provide the common ones.
 *   <li>{@link dev.asyncdsl.spi.CallListener}: hears every call of every twin (its attempts, the
 *       bulkhead, the circuit, the retries, the fallback, how it ended) through a {@link
 *       dev.asyncdsl.spi.CallObserver} per call. The module {@code async-micrometer} records them
 *       as MicroProfile Fault Tolerance metrics, {@code async-opentelemetry} as spans; the runtime
 *       records Flight Recorder events itself.
 * </ul>
 */
package dev.asyncdsl.spi;
