package dev.asyncdsl.processor.model;

/**
 * A method as the twin names it to the runtime, in an {@code AsyncMethod}: by its class and simple
 * name for events, and by the name its messages use.
 *
 * @param className the binary name of the class that declares it, e.g. {@code p.Outer$Inner}
 * @param methodName its simple name, e.g. {@code celsius}
 * @param name the method as a reader knows it, with its parameter types, e.g. {@code
 *     Forecasts.celsius(String)}
 */
public record AsyncMethodSpec(String className, String methodName, String name) {}
