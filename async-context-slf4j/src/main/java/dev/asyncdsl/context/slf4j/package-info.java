/**
 * Carries SLF4J's {@link org.slf4j.MDC} with every call made through a twin: {@link
 * dev.asyncdsl.context.slf4j.MdcPropagator}, found by {@link java.util.ServiceLoader} when this jar
 * is on the class path or module path. Nothing needs configuring: the request id a caller put in
 * the MDC is in the MDC of the method's body, of each retry attempt, of the fallback and of the
 * callbacks the runtime runs, so the lines they log carry it.
 */
package dev.asyncdsl.context.slf4j;
