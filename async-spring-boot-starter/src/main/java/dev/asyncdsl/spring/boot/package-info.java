/**
 * The Spring Boot auto-configuration of asyncdsl: twins as beans, Spring's {@code Environment} as
 * the source of the policy configuration, checked at start-up, and the twins' calls ended with the
 * context; with Micrometer, Actuator, OpenTelemetry or Micrometer's context-propagation present,
 * metrics, health, an endpoint and context propagation. Only {@link
 * dev.asyncdsl.spring.boot.AsyncdslAutoConfiguration} is public; Boot finds it by itself.
 */
package dev.asyncdsl.spring.boot;
