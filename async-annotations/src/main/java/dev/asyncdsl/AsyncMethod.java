package dev.asyncdsl;

import java.util.Objects;

/**
 * An {@code @Async} method as events, metrics and traces name it: by its class and name, for tags
 * ({@link #className()}, {@link #methodName()}, {@link #qualifiedName()}), and as the twin names it
 * in messages ({@link #name()}, e.g. {@code "Mirror.celsius(String)"}).
 *
 * <p><b>Made by generated twins</b>, one constant per method ({@link #of}), and handed to the
 * runtime with each call, so a call costs nothing to be named. Two descriptions of the same method
 * are equal.
 */
public final class AsyncMethod {
  private final String className;
  private final String methodName;
  private final String name;
  private final String qualifiedName;
  private final int hash;

  private AsyncMethod(String className, String methodName, String name) {
    this.className = className;
    this.methodName = methodName;
    this.name = name;
    this.qualifiedName =
        className.isEmpty() ? methodName : className.replace('$', '.') + "." + methodName;
    // Computed once: listeners key their maps by the method, on every call.
    this.hash = (className.hashCode() * 31 + methodName.hashCode()) * 31 + name.hashCode();
  }

  /**
   * Describes a method.
   *
   * @param className the binary name of the class that declares it, e.g. {@code
   *     "com.example.Mirror"} or {@code "com.example.Outer$Inner"}
   * @param methodName its simple name, e.g. {@code "celsius"}
   * @param name the method as the twin names it, e.g. {@code "Mirror.celsius(String)"}
   * @return the description, to keep in a constant
   */
  public static AsyncMethod of(String className, String methodName, String name) {
    return new AsyncMethod(
        Objects.requireNonNull(className, "className"),
        Objects.requireNonNull(methodName, "methodName"),
        Objects.requireNonNull(name, "name"));
  }

  /**
   * A method known only by {@code name}, as {@link FaultTolerance#of(String)} is given it: its
   * class name is empty and its method name is {@code name}.
   *
   * @param name the method as a reader knows it
   * @return the description
   */
  public static AsyncMethod named(String name) {
    return new AsyncMethod("", Objects.requireNonNull(name, "name"), name);
  }

  /**
   * The binary name of the class that declares the method.
   *
   * @return e.g. {@code "com.example.Mirror"}; empty for a method known only by its name
   */
  public String className() {
    return className;
  }

  /**
   * The method's simple name.
   *
   * @return e.g. {@code "celsius"}
   */
  public String methodName() {
    return methodName;
  }

  /**
   * The class, by its canonical name, and the method: as MicroProfile Fault Tolerance's metrics
   * (SmallRye's) tag them.
   *
   * @return e.g. {@code "com.example.Mirror.celsius"}, {@code "com.example.Outer.Inner.ping"}
   */
  public String qualifiedName() {
    return qualifiedName;
  }

  /**
   * The method as the twin names it, with its parameter types: unique among a class's methods.
   *
   * @return e.g. {@code "Mirror.celsius(String)"}
   */
  public String name() {
    return name;
  }

  @Override
  public boolean equals(Object other) {
    return other == this
        || other instanceof AsyncMethod that
            && className.equals(that.className)
            && methodName.equals(that.methodName)
            && name.equals(that.name);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /**
   * The method as the twin names it.
   *
   * @return {@link #name()}
   */
  @Override
  public String toString() {
    return name;
  }
}
