package dev.asyncdsl.processor.model;

/**
 * A {@code @Timeout} as written.
 *
 * @param value the amount, positive
 * @param unit the name of the {@code java.util.concurrent.TimeUnit} constant
 */
public record TimeoutSpec(long value, String unit) {}
