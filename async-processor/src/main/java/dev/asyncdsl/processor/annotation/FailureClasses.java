package dev.asyncdsl.processor.annotation;

/**
 * Which failures a policy acts on: those of a class in {@code matching} that are of none in {@code
 * excluded} ({@code retryOn} and {@code abortOn}, for instance).
 */
public record FailureClasses(ClassList matching, ClassList excluded) {}
