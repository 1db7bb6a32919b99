package dev.asyncdsl.processor.element;

import com.palantir.javapoet.ClassName;

/**
 * The names of the runtime (module {@code async-annotations}) that the processor reads in user code
 * or writes into twins, spelled here once: when the runtime moves a type, this is the file to
 * change.
 */
public final class RuntimeNames {
  /** The runtime's package; a file in it is the runtime itself, never user code. */
  public static final String PACKAGE = "dev.asyncdsl";

  public static final String ASYNC = PACKAGE + ".Async";
  public static final String NOT_ASYNC = PACKAGE + ".NotAsync";
  public static final String TIMEOUT = PACKAGE + ".Timeout";
  public static final String RETRY = PACKAGE + ".Retry";
  public static final String FALLBACK = PACKAGE + ".Fallback";
  public static final String BULKHEAD = PACKAGE + ".Bulkhead";
  public static final String CIRCUIT_BREAKER = PACKAGE + ".CircuitBreaker";

  /** What a {@code @Timeout} fails an attempt with when it takes too long. */
  public static final String DEADLINE_EXCEEDED_EXCEPTION = PACKAGE + ".DeadlineExceededException";

  /** The processor, as the {@code @Generated} of a twin names it. */
  public static final String PROCESSOR = PACKAGE + ".processor.AsyncProcessor";

  /** The entry points twins call. */
  public static final ClassName ASYNC_RUNTIME = ClassName.get(PACKAGE, "AsyncRuntime");

  public static final ClassName FAULT_TOLERANCE = ClassName.get(PACKAGE, "FaultTolerance");

  /** How a twin names each of its methods to the runtime, for the listeners that hear its calls. */
  public static final ClassName ASYNC_METHOD = ClassName.get(PACKAGE, "AsyncMethod");

  /** How a twin's policies are overridden by configuration. */
  public static final ClassName POLICY_CONFIG = ClassName.get(PACKAGE, "PolicyConfig");

  /** A twin's description for configuration, its {@code CONFIG} constant. */
  public static final ClassName POLICY_CONFIG_TWIN = POLICY_CONFIG.nestedClass("Twin");

  /** What a twin's constructor throws when its class's configuration is wrong. */
  public static final ClassName POLICY_CONFIG_EXCEPTION =
      ClassName.get(PACKAGE, "PolicyConfigException");

  private RuntimeNames() {}
}
