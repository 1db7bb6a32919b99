/**
 * A small Spring Boot service: {@code GET /forecast} gathers the temperature of four regions from a
 * third party ({@link dev.asyncdsl.examples.LocalThirdParty} when run from {@link
 * dev.asyncdsl.examples.spring.ForecastApplication#main}), each call through {@link
 * dev.asyncdsl.examples.spring.RegionalForecasts#reading}, under a timeout, a retry, a circuit
 * breaker and a fallback, run by its generated twin {@code RegionalForecastsAsync}, which {@code
 * async-spring-boot-starter} makes a bean: nothing declares it.
 *
 * <p>A filter gives each request an id in the MDC ({@link
 * dev.asyncdsl.examples.spring.RequestIdFilter}); the calls' log lines carry it, on whatever thread
 * they run, because {@code async-context-slf4j} is on the class path. The starter binds the
 * policies' meters ({@code ft.*}) to Boot's registry, so they are in Actuator's {@code
 * /actuator/metrics} and {@code /actuator/prometheus}; the circuit's state is in {@code
 * /actuator/health} and {@code /actuator/asyncdsl}.
 */
package dev.asyncdsl.examples.spring;
