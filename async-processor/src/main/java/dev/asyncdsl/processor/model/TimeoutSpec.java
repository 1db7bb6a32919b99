package dev.asyncdsl.processor.model;

/**
 * A {@code @Timeout} as written, and the constant the twin keeps it in, with the method's {@code
 * AsyncMethod}.
 *
 * @param value the amount, positive
 * @param unit the name of the {@code java.util.concurrent.TimeUnit} constant
 * @param constant the name of the twin's {@code AsyncRuntime.TimedMethod} constant for it, unique
 *     in the twin
 */
public record TimeoutSpec(long value, String unit, String constant) {}
