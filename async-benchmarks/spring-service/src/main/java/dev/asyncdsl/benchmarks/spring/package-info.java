/**
 * A Spring Boot service whose one endpoint, a forecast gathering four calls to a downstream HTTP
 * service under a timeout, a retry, a circuit breaker and a fallback, is written three ways, each
 * at its own path: {@code /asyncdsl/forecast} (a generated twin), {@code /resilience4j/forecast}
 * (Spring's {@code @Async} and Resilience4j's Spring Boot annotations) and {@code
 * /handwritten/forecast} (virtual threads and {@code CompletableFuture.orTimeout}). {@code /diag}
 * tells what is left once the load stops: platform threads, and downstream calls whose method is
 * still running.
 */
package dev.asyncdsl.benchmarks.spring;
