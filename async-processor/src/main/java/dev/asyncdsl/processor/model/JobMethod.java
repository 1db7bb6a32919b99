package dev.asyncdsl.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.List;
import java.util.Optional;

/**
 * One {@code @Durable} method as its jobs class will read.
 *
 * @param name the method's name: its entry points are {@code name}, {@code nameAt} and {@code
 *     nameAfter}
 * @param asyncMethod the method as the runtime names it, as its twin does
 * @param retries how many times JobRunr retries a failed job
 * @param jobName the job's name in the dashboard, empty for the runtime's default
 * @param constant the name of its {@code DurableMethod} constant, e.g. {@code REFRESH_METHOD}
 * @param request the record that holds a job's arguments
 * @param handler the class that runs a job in a worker
 * @param parameters the arguments, in order
 * @param isVarargs whether the last parameter is varargs
 * @param atName the entry point's parameter for when to run, unlike any argument's name
 * @param delayName the entry point's parameter for how long to wait, unlike any argument's name
 * @param isStatic whether the method is static
 * @param twin the twin to run it through, when a timeout or policy applies to it
 * @param buildsInstance whether the worker can build the object an instance method runs on with its
 *     public no-arg constructor, when none is registered
 * @param awaitsStage whether the method returns a {@code CompletionStage} the handler waits for
 *     (called directly; a twin's future already covers it)
 * @param linkParameterTypes the erased parameter types, for a Javadoc link to the user's method
 */
public record JobMethod(
    String name,
    AsyncMethodSpec asyncMethod,
    int retries,
    String jobName,
    String constant,
    ClassName request,
    ClassName handler,
    List<Parameter> parameters,
    boolean isVarargs,
    String atName,
    String delayName,
    boolean isStatic,
    Optional<ClassName> twin,
    boolean buildsInstance,
    boolean awaitsStage,
    List<TypeName> linkParameterTypes) {
  public JobMethod {
    parameters = List.copyOf(parameters);
    linkParameterTypes = List.copyOf(linkParameterTypes);
  }

  /**
   * An argument of a {@code @Durable} method.
   *
   * @param name its name in the entry points: the user's
   * @param component its name in the request record: the user's, unless the record has a member of
   *     that name ({@code context}, or a method every object has)
   * @param type its type, as declared (a varargs parameter is an array)
   */
  public record Parameter(String name, String component, TypeName type) {}
}
