/**
 * Carries whatever Micrometer's context-propagation library knows how to carry with every call made
 * through a twin: {@link dev.asyncdsl.context.micrometer.MicrometerContextPropagator}, found by
 * {@link java.util.ServiceLoader} when this jar is on the class path or module path. Every {@link
 * io.micrometer.context.ThreadLocalAccessor} in {@link
 * io.micrometer.context.ContextRegistry#getInstance()} travels: those that Micrometer Tracing,
 * Spring Security or an application registered, and those found by the registry's own service
 * loading.
 */
package dev.asyncdsl.context.micrometer;
