package dev.asyncdsl.processor.diagnostic;

import javax.tools.Diagnostic;

/**
 * Every diagnostic the processor prints. Each says what is wrong and what to do instead, and is
 * asserted by a test; the tag in brackets is stable, so users can search for it.
 */
public enum Message {
  ASYNC_PRIVATE_METHOD(
      Diagnostic.Kind.ERROR,
      "@Async method %s is private, so the generated twin cannot call it;"
          + " make it package-private, protected or public"),
  ASYNC_IN_PRIVATE_TYPE(
      Diagnostic.Kind.ERROR,
      "@Async cannot be used in %s because it is private: the generated twin %s lives beside it"
          + " and cannot call it; make %s package-private or public"),
  ASYNC_IN_LOCAL_TYPE(
      Diagnostic.Kind.ERROR,
      "@Async cannot be used in a local class: no twin can be generated for a class declared"
          + " inside a method; move the class out of the method, to a member or top-level class"),
  ASYNC_IN_ANONYMOUS_TYPE(
      Diagnostic.Kind.ERROR,
      "@Async cannot be used in an anonymous class: no twin can be generated for a class without"
          + " a name; move the method to a named member or top-level class"),
  ASYNC_ON_ANNOTATION_TYPE(
      Diagnostic.Kind.ERROR,
      "@Async cannot be used in the annotation type %s: its members are not methods to call;"
          + " remove @Async"),
  ASYNC_TYPE_WITHOUT_METHODS(
      Diagnostic.Kind.WARNING,
      "@Async on %s has no effect: it declares no public method to run asynchronously;"
          + " add @Async to the methods you mean, or remove it"),
  ASYNC_OBJECT_METHOD(
      Diagnostic.Kind.ERROR,
      "@Async method %s would clash with Object.%s in the twin, which every class inherits;"
          + " rename the method or remove @Async"),
  ASYNC_RETURNS_FUTURE(
      Diagnostic.Kind.ERROR,
      "@Async method %s returns %s, which can only be waited for by blocking a thread;"
          + " return CompletableFuture or CompletionStage, or the plain value"),
  ASYNC_RETURNS_RAW_STAGE(
      Diagnostic.Kind.ERROR,
      "@Async method %s returns the raw type %s; give its type argument, e.g. %s<String>"),
  ASYNC_INVISIBLE_TYPE(
      Diagnostic.Kind.ERROR,
      "@Async method %s uses %s, which is %s, so the generated twin cannot name it;"
          + " make %s %s"),
  TYPE_VARIABLE_SHADOWED(
      Diagnostic.Kind.ERROR,
      "cannot generate the twin of %s: its type variable %s hides the type variable %s of the"
          + " enclosing %s, and the twin needs both; rename one of them"),
  ASYNC_SYNCHRONIZED(
      Diagnostic.Kind.WARNING,
      "@Async method %s is synchronized: on JDK 21 to 23 a virtual thread that blocks while"
          + " holding a monitor pins its carrier thread; guard the state with a"
          + " java.util.concurrent.locks.ReentrantLock instead"),
  ASYNC_METHODS_LEFT_OUT(
      Diagnostic.Kind.NOTE,
      "@Async on %s leaves out %s; to have a twin method, put @Async on the method itself, which"
          + " reports what to change, or mark it @NotAsync to leave it out without this note"),
  ASYNC_AND_NOT_ASYNC(
      Diagnostic.Kind.ERROR, "%s is marked both @Async and @NotAsync; remove one of them"),
  NOT_ASYNC_WITHOUT_TYPE_ASYNC(
      Diagnostic.Kind.WARNING,
      "@NotAsync on %s has no effect: %s is not annotated @Async, so only its @Async methods"
          + " have twin methods; remove @NotAsync"),
  GATHER_HELPER_CLASH(
      Diagnostic.Kind.ERROR,
      "@Async method %s clashes in the twin with %s, the gather helper generated for %s;"
          + " rename one of the two methods"),
  TWIN_NAME_TAKEN(
      Diagnostic.Kind.ERROR,
      "cannot generate the twin of %s: a type named %s already exists; rename that type,"
          + " or rename %s"),
  TIMEOUT_NOT_POSITIVE(
      Diagnostic.Kind.ERROR,
      "@Timeout must be positive, but is %d; give the longest time the call may take,"
          + " e.g. @Timeout(5)"),
  TIMEOUT_TOO_LONG(
      Diagnostic.Kind.ERROR,
      "@Timeout(value = %d, unit = %s) is longer than the 292 years a deadline can count in"
          + " nanoseconds; use a shorter timeout, or none"),
  TIMEOUT_WITHOUT_ASYNC(
      Diagnostic.Kind.ERROR,
      "@Timeout on %s has no effect because no @Async applies to it;"
          + " add @Async (to it, or to its class) or remove @Timeout"),
  POLICY_WITHOUT_ASYNC(
      Diagnostic.Kind.ERROR, "@%s on %s has no effect because no @Async applies to it; %s"),
  POLICY_VALUE_NEGATIVE(Diagnostic.Kind.ERROR, "@%s(%s = %s) must not be negative; give 0 or more"),
  POLICY_VALUE_BELOW_ONE(Diagnostic.Kind.ERROR, "@%s(%s = %s) must be at least 1; %s"),
  RETRY_MAX_RETRIES_BELOW_MINUS_ONE(
      Diagnostic.Kind.ERROR,
      "@Retry(maxRetries = %s) is not a number of retries; give 0 or more, or -1 to retry until"
          + " maxDuration has passed"),
  RETRY_DURATION_NOT_LONGER_THAN_DELAY(
      Diagnostic.Kind.ERROR,
      "@Retry(maxDuration = %s) is not longer than its delay of %s, so no retry could ever start;"
          + " make maxDuration longer than delay, or 0 for no limit"),
  RETRY_MULTIPLIER_BELOW_ONE(
      Diagnostic.Kind.ERROR,
      "@Retry(delayMultiplier = %s) must be a number of at least 1: 1 keeps the delay constant,"
          + " 2 doubles it for each retry"),
  RETRY_MAX_DELAY_BELOW_DELAY(
      Diagnostic.Kind.ERROR,
      "@Retry(maxDelay = %s) is shorter than its delay of %s, so it would shorten the very first"
          + " delay; make maxDelay at least delay, or 0 for no cap"),
  RETRY_MAX_DELAY_WITHOUT_BACKOFF(
      Diagnostic.Kind.WARNING,
      "@Retry(maxDelay = %s) has no effect: with delayMultiplier 1 the delay never grows;"
          + " set delayMultiplier above 1 for backoff, or remove maxDelay"),
  RETRY_FOREVER(
      Diagnostic.Kind.WARNING,
      "@Retry(maxRetries = -1, maxDuration = 0) on %s retries a failing call forever;"
          + " give a maxDuration or a number of retries"),
  RETRY_ON_UNTHROWN_CHECKED(
      Diagnostic.Kind.WARNING,
      "@Retry(retryOn = %s.class) on %s can never match: %s is a checked exception that the"
          + " method does not declare; remove it from retryOn, or declare it"),
  CIRCUIT_RATIO_OUT_OF_RANGE(
      Diagnostic.Kind.ERROR,
      "@CircuitBreaker(failureRatio = %s) must be between 0 and 1, the share of failures that"
          + " opens the circuit, e.g. 0.5 for half of the calls"),
  POLICY_CLASS_IN_BOTH(
      Diagnostic.Kind.ERROR,
      "@%s names %s in both %s and %s, which contradict each other; remove it from one of them"),
  POLICY_CLASS_INVISIBLE(
      Diagnostic.Kind.ERROR,
      "@%s names %s.class, which is %s, so the generated twin cannot test a failure against it;"
          + " make %s %s, or name a visible superclass"),
  FALLBACK_METHOD_NOT_FOUND(
      Diagnostic.Kind.ERROR, "@Fallback(method = \"%s\") for %s: %s has no method named %s; %s"),
  FALLBACK_METHOD_NAME_INVALID(
      Diagnostic.Kind.ERROR,
      "@Fallback(method = \"%s\") for %s is not the name of a method; give the name alone,"
          + " without parentheses or class; %s"),
  FALLBACK_METHOD_INACCESSIBLE(
      Diagnostic.Kind.ERROR,
      "@Fallback method %s is %s, so the generated twin, in package %s, cannot call it;"
          + " make it %s"),
  FALLBACK_PARAMETERS_MISMATCH(
      Diagnostic.Kind.ERROR,
      "@Fallback(method = \"%s\") for %s needs %s or %s; %s has no such method (found: %s)"),
  FALLBACK_PARAMETER_TYPES_DIFFER(
      Diagnostic.Kind.ERROR,
      "@Fallback method %s takes %s where %s takes %s; the twin passes the arguments on as they"
          + " are, so declare that parameter as %s"),
  FALLBACK_TYPE_VARIABLES_DIFFER(
      Diagnostic.Kind.ERROR,
      "@Fallback method %s declares %s, which does not accept the type variable %s of %s;"
          + " declare its type variables with the bounds of %s: %s"),
  FALLBACK_RETURN_TYPE_MISMATCH(
      Diagnostic.Kind.ERROR,
      "@Fallback method %s returns %s, which cannot stand for %s, the result of %s; return %s"),
  FALLBACK_DEPRECATED(
      Diagnostic.Kind.WARNING,
      "@Fallback method %s is deprecated%s; name a method that is not, or add"
          + " @SuppressWarnings(\"%s\") to %s to call it anyway"),
  FALLBACK_NOT_STATIC(
      Diagnostic.Kind.ERROR,
      "@Fallback method %s is an instance method, but %s is static and has no instance to call it"
          + " on; make %s static"),
  FALLBACK_FAILURE_TOO_NARROW(
      Diagnostic.Kind.ERROR,
      "@Fallback method %s takes the failure as %s, but applyOn%s lets %s through, which is not"
          + " one; take the failure as %s (or a supertype), or narrow applyOn to %s"),
  POLICY_MATCHES_NOTHING(
      Diagnostic.Kind.WARNING,
      "@%s(%s = {}) names no failure, so %s; name the failures it should act on, or remove @%s"),
  POLICY_EXCLUDES_EVERY_MATCH(
      Diagnostic.Kind.WARNING, "%s covers every class of %s (%s), so %s; narrow %s, or remove %s"),
  DURABLE_ARGUMENT_TYPE(
      Diagnostic.Kind.ERROR,
      "@Durable method %s cannot be stored as a job, whose arguments JobRunr writes as JSON and"
          + " reads back: %s, %s; accepted are primitives and their boxes, String, enums, UUID,"
          + " BigDecimal, BigInteger, Instant, LocalDate, LocalTime, LocalDateTime, OffsetDateTime,"
          + " ZonedDateTime, Duration, Period, public records (top-level or static) made of these,"
          + " List, Set or Collection of these, Map with String, enum or UUID keys and these as"
          + " values, and arrays of these; pass such a value instead, e.g. the id of what the job"
          + " should load"),
  DURABLE_METHOD_NOT_PUBLIC(
      Diagnostic.Kind.ERROR,
      "@Durable method %s is %s, but its jobs class is public, for any package to enqueue it, and"
          + " JobRunr builds its handler by reflection from outside the package; make the method"
          + " public"),
  DURABLE_CLASS_NOT_PUBLIC(
      Diagnostic.Kind.ERROR,
      "@Durable method %s is in %s, which is not public, so its jobs class, which must be public"
          + " for JobRunr to build the handler by reflection, could not name it; make %s public"),
  DURABLE_INNER_CLASS(
      Diagnostic.Kind.ERROR,
      "@Durable method %s is an instance method of the inner class %s, whose objects need an"
          + " enclosing %s the worker does not have; make %s static, or make the method static"),
  DURABLE_WORKER_CANNOT_BUILD(
      Diagnostic.Kind.WARNING,
      "@Durable method %s is an instance method, but the worker cannot build %s: it %s; register"
          + " the instance to use with DurableJobs.provide(%s.class, supplier) (a Spring bean, for"
          + " example) before the workers start, else the job fails; or make the method static,"
          + " or give %s a public no-arg constructor"),
  DURABLE_TYPE_VARIABLES(
      Diagnostic.Kind.ERROR,
      "@Durable method %s %s, and a job stores no type arguments, so the worker could not tell"
          + " what %s stands for; use concrete types"),
  DURABLE_RESULT_DROPPED(
      Diagnostic.Kind.WARNING,
      "@Durable method %s returns %s, which is dropped: JobRunr's open-source edition keeps no"
          + " job results; return void and store what later work needs, or add"
          + " @SuppressWarnings(\"DURABLE_RESULT_DROPPED\") to keep the method as it is"),
  DURABLE_PER_PROCESS_POLICY(
      Diagnostic.Kind.WARNING,
      "@%s on @Durable method %s counts only the jobs of one worker process, not of all the"
          + " workers that share the jobs, so %s; limit the work with JobRunr's worker count,"
          + " or remove @%s, or add @SuppressWarnings(\"DURABLE_PER_PROCESS_POLICY\") if a"
          + " per-process limit is what you mean"),
  DURABLE_NAME_CLASH(
      Diagnostic.Kind.ERROR,
      "@Durable method %s would get the entry point %s, which %s; rename the method"),
  DURABLE_IN_UNNAMED_TYPE(
      Diagnostic.Kind.ERROR,
      "@Durable cannot be used in %s: a worker can neither name its class nor build it; move the"
          + " method to a public top-level class, or a public static nested one"),
  JOBS_NAME_TAKEN(
      Diagnostic.Kind.ERROR,
      "cannot generate the jobs class of %s: a type named %s already exists; rename that type,"
          + " or rename %s"),
  UNRESOLVED_TYPES(
      Diagnostic.Kind.ERROR,
      "cannot generate %s of %s: its %s methods use types that never resolved (see the errors"
          + " about missing symbols); fix those first"),
  INTERNAL_ERROR(
      Diagnostic.Kind.ERROR,
      "the asyncdsl processor failed on %s; this is a bug in asyncdsl, please report it with"
          + " this message: %s");

  private final Diagnostic.Kind kind;
  private final String format;

  Message(Diagnostic.Kind kind, String format) {
    this.kind = kind;
    this.format = format;
  }

  public Diagnostic.Kind kind() {
    return kind;
  }

  /** The text, tagged with the message's name so a user can look it up. */
  public String format(Object... arguments) {
    return String.format(format, arguments) + " [asyncdsl:" + name() + "]";
  }
}
