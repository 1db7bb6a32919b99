package dev.asyncdsl.processor.model;

import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One {@code @Async} method as its twin will read.
 *
 * @param name the method's name, kept in the twin
 * @param asyncMethod the method as the twin names it to the runtime: to the listeners that hear its
 *     calls, and in its messages
 * @param isStatic whether it is static (a static twin method on the default executor)
 * @param isPublic whether the twin method is public (else package-private)
 * @param typeVariables the method's own type variables
 * @param parameters its parameters, named as the twin will name them
 * @param isVarargs whether the last parameter is varargs
 * @param kind how the result is produced
 * @param resultType the twin future's type argument: the boxed return type, {@code Void}, or the
 *     type a returned stage completes with
 * @param timeout the deadline, if one applies and no other policy does (else it is part of those)
 * @param policies the fault-tolerance policies, if any applies
 * @param methodConstant the name of the twin's {@code AsyncMethod} constant, e.g. {@code
 *     FOLD_METHOD}, for a method with neither a timeout nor policies: their constant holds it
 *     otherwise
 * @param linkParameterTypes the erased parameter types, for a Javadoc link to the user's method
 * @param hasGatherHelper whether the twin also gets {@code <name>All(Iterable)}
 * @param safeVarargs whether the varargs parameter is of a non-reifiable type
 * @param suppressedWarnings lint categories the signature cannot avoid (raw or deprecated types)
 * @param isDeprecated whether the user's method is deprecated
 */
public record TwinMethod(
    String name,
    AsyncMethodSpec asyncMethod,
    boolean isStatic,
    boolean isPublic,
    List<TypeVariableName> typeVariables,
    List<TwinParameter> parameters,
    boolean isVarargs,
    Kind kind,
    TypeName resultType,
    Optional<TimeoutSpec> timeout,
    Optional<PolicySpec> policies,
    Optional<String> methodConstant,
    List<TypeName> linkParameterTypes,
    boolean hasGatherHelper,
    boolean safeVarargs,
    List<String> suppressedWarnings,
    boolean isDeprecated) {

  public TwinMethod {
    if (methodConstant.isPresent() == (timeout.isPresent() || policies.isPresent())) {
      throw new IllegalArgumentException(name + ": its AsyncMethod belongs in one constant");
    }
    typeVariables = List.copyOf(typeVariables);
    parameters = List.copyOf(parameters);
    suppressedWarnings = List.copyOf(suppressedWarnings);
    linkParameterTypes = List.copyOf(linkParameterTypes);
  }

  /** How the twin turns the method's return into its future. */
  public enum Kind {
    /** A plain value: {@code AsyncRuntime.call}. */
    VALUE,
    /** {@code void}: {@code AsyncRuntime.run}. */
    VOID,
    /** A returned stage relayed: {@code AsyncRuntime.relay}. */
    RELAY
  }

  /**
   * The simple names of the policy annotations the method carries, as configuration keys name them:
   * {@code Timeout}, {@code Retry}, {@code CircuitBreaker}, {@code Bulkhead}, {@code Fallback}, in
   * that order.
   */
  public List<String> policyNames() {
    List<String> names = new ArrayList<>();
    if (timeout.isPresent() || policies.flatMap(PolicySpec::timeout).isPresent()) {
      names.add("Timeout");
    }
    policies.ifPresent(
        spec -> {
          spec.retry().ifPresent(retry -> names.add("Retry"));
          spec.circuitBreaker().ifPresent(circuit -> names.add("CircuitBreaker"));
          spec.bulkhead().ifPresent(bulkhead -> names.add("Bulkhead"));
          spec.fallback().ifPresent(fallback -> names.add("Fallback"));
        });
    return names;
  }

  /**
   * Whether the method is static and carries neither policies nor a timeout: nothing of its own
   * fails its calls when its class's configuration is wrong, so the twin's description does.
   */
  public boolean isStaticWithoutPolicies() {
    return isStatic && methodConstant.isPresent();
  }

  /** The name of the gather helper. */
  public String gatherHelperName() {
    return name + "All";
  }
}
