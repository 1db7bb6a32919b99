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
  public static final String DURABLE = PACKAGE + ".Durable";

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

  /**
   * The package of module {@code async-jobrunr}, which runs {@code @Durable} methods as JobRunr
   * jobs. The processor never depends on it: the generated {@code FooJobs} classes name it, and
   * compile where it is on the class path.
   */
  public static final String JOBRUNR_PACKAGE = PACKAGE + ".jobrunr";

  /** The facade a jobs class enqueues and schedules through. */
  public static final ClassName DURABLE_JOBS = ClassName.get(JOBRUNR_PACKAGE, "DurableJobs");

  /** A {@code @Durable} method as the runtime knows it: its {@code AsyncMethod} and retries. */
  public static final ClassName DURABLE_METHOD = ClassName.get(JOBRUNR_PACKAGE, "DurableMethod");

  /** What every generated job request is: JobRunr's request, with the caller's context. */
  public static final ClassName DURABLE_REQUEST = ClassName.get(JOBRUNR_PACKAGE, "DurableRequest");

  /** The caller's context, captured at enqueue and restored in the worker. */
  public static final ClassName DURABLE_CONTEXT = ClassName.get(JOBRUNR_PACKAGE, "DurableContext");

  /** The base of every generated handler. */
  public static final ClassName DURABLE_HANDLER = ClassName.get(JOBRUNR_PACKAGE, "DurableHandler");

  /** JobRunr's id of a job, which the entry points return. */
  public static final ClassName JOB_ID = ClassName.get("org.jobrunr.jobs", "JobId");

  private RuntimeNames() {}
}
