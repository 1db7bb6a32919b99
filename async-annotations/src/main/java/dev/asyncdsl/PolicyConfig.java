package dev.asyncdsl;

import dev.asyncdsl.internal.config.KeyCheck;
import dev.asyncdsl.internal.config.Overrides;
import dev.asyncdsl.internal.config.Policy;
import dev.asyncdsl.internal.config.Problem;
import dev.asyncdsl.internal.config.Sources;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Overrides the policy annotations of twins without recompiling: every member of {@link Timeout},
 * {@link Retry}, {@link Fallback} ({@code applyOn}, {@code skipOn}), {@link Bulkhead} and {@link
 * CircuitBreaker}, and whether each is {@code enabled}, per method, per class and globally, by
 * MicroProfile Fault Tolerance's keys ({@code com.example.Mirror/celsius/Retry/maxRetries}) or
 * SmallRye's ({@code smallrye.faulttolerance."com.example.Mirror/celsius".retry.max-retries}). See
 * the guide's configuration page for every key.
 *
 * <p>The sources, in order: the one the application {@linkplain #install installs}, system
 * properties, environment variables (MicroProfile Config's mapping: {@code
 * COM_EXAMPLE_MIRROR_CELSIUS_RETRY_MAXRETRIES}). A method's key wins over its class's, which wins
 * over the global one. Values are read once, when a twin's policies are built (as its class
 * initialises), and again only on {@link #reload()}: a call reads nothing.
 *
 * <p>Overridden values pass the processor's rules, with its tags. A twin whose configuration is
 * wrong is still made: its constructor throws one {@link PolicyConfigException} listing every bad
 * key of its class, and each call of its static methods returns a future failed with it. {@link
 * #check} finds them all at start-up.
 */
public final class PolicyConfig {
  private static final Map<String, Twin> TWINS = new LinkedHashMap<>();

  private PolicyConfig() {}

  /**
   * Installs the application's source, before system properties and the environment; install it
   * before a twin is first used. It replaces one installed before.
   *
   * @param source the value of a key, or null when it has none (any configuration library can
   *     answer this)
   */
  public static void install(Function<String, String> source) {
    Sources.install(source, null);
  }

  /**
   * Installs the application's source and says which keys it holds, so {@link #check} can find the
   * bad ones among them too.
   *
   * @param source the value of a key, or null when it has none
   * @param keys the keys it holds (those of fault tolerance at least)
   */
  public static void install(
      Function<String, String> source, Supplier<? extends Collection<String>> keys) {
    Sources.install(source, Objects.requireNonNull(keys, "keys"));
  }

  /** Removes the application's source; values already read stay until {@link #reload()}. */
  public static void uninstall() {
    Sources.uninstall();
  }

  /**
   * Checks every key the sources hold against the twins: initialises {@code twins} (loading them,
   * no member is looked up), then checks the keys of every twin initialised, with the global keys,
   * and throws if any is bad. Call it at start-up so that a bad deploy fails there.
   *
   * @param twins the twin classes the application will use, e.g. {@code MirrorAsync.class}
   * @throws PolicyConfigException listing every bad key
   */
  public static void check(Class<?>... twins) {
    for (Class<?> twin : twins) {
      try {
        Class.forName(twin.getName(), true, twin.getClassLoader());
      } catch (ClassNotFoundException impossible) {
        throw new AssertionError(impossible);
      }
    }
    List<Twin> all;
    synchronized (TWINS) {
      all = new ArrayList<>(TWINS.values());
    }
    List<KeyCheck.Shape> shapes = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    for (Twin twin : all) {
      shapes.add(twin.shape());
      problems.addAll(twin.valueProblems());
    }
    problems.addAll(KeyCheck.check(shapes));
    if (!problems.isEmpty()) {
      throw new PolicyConfigException("the twins checked", publish(problems));
    }
  }

  /**
   * Reads the sources again and rebuilds the policies of every twin initialised, for a running
   * system to take a change. A call started before keeps the policies it started with; calls
   * started after use the new ones, with a fresh circuit and bulkhead (the old bulkhead's calls
   * still finish in its slots). Nothing changes when the new values are wrong: the exception says
   * why.
   *
   * @throws PolicyConfigException listing every bad key, when some are
   */
  public static void reload() {
    List<Twin> all;
    synchronized (TWINS) {
      all = new ArrayList<>(TWINS.values());
    }
    List<Problem> problems = new ArrayList<>();
    for (Twin twin : all) {
      problems.addAll(twin.rebuild(false));
    }
    if (!problems.isEmpty()) {
      throw new PolicyConfigException("the twins reloaded", publish(problems));
    }
    for (Twin twin : all) {
      twin.rebuild(true);
    }
  }

  /**
   * Starts the description of a twin's methods, for generated twins: called as the twin class
   * initialises, before its policies are built.
   *
   * @param className the binary name of the annotated class, as keys name it
   * @return the description, to add each method to
   */
  public static Twin twin(String className) {
    // Listed once complete(): a check or a reload on another thread never sees it half described.
    return new Twin(Objects.requireNonNull(className, "className"));
  }

  /** Where an effective value came from. */
  public enum Origin {
    /** The annotation, or its member's default: nothing overrides it. */
    ANNOTATION,
    /** The source the application {@linkplain #install installed}. */
    APPLICATION,
    /** A system property. */
    SYSTEM_PROPERTY,
    /** An environment variable. */
    ENVIRONMENT
  }

  /**
   * The value a member of a policy has, and where it came from ({@link
   * FaultTolerance#effectiveValues()}).
   *
   * @param policy the annotation, e.g. {@code Retry}
   * @param member the member as MicroProfile names it, e.g. {@code maxRetries}
   * @param value the value, e.g. {@code 3} or {@code MILLISECONDS}
   * @param origin where it came from
   * @param key the key (or environment variable) that set it, or null from the annotation
   */
  public record EffectiveValue(
      String policy, String member, String value, Origin origin, String key) {}

  /**
   * What a generated twin tells the runtime of its methods: each one's name and the policies it
   * carries, so that keys naming no method or policy of it are recognised, and its policies are
   * built with the configured values ({@link FaultTolerance.Builder#build(Twin)}, {@link #timed}).
   */
  public static final class Twin {
    private final String className;
    private final Map<String, Set<Policy>> methods = new LinkedHashMap<>();
    private final List<FaultTolerance> policies = new ArrayList<>();
    private final List<Timed> timed = new ArrayList<>();
    private volatile PolicyConfigException failure;

    private Twin(String className) {
      this.className = className;
    }

    /** A timed method's constant and its annotation. */
    private record Timed(AsyncRuntime.TimedMethod method, long timeout, TimeUnit unit) {}

    /**
     * Adds a method and the policies it carries.
     *
     * @param name the method's name (overloads share their keys)
     * @param policies the simple names of its policy annotations, e.g. {@code "Retry"}
     * @return this
     */
    public Twin method(String name, String... policies) {
      Set<Policy> carried = methods.computeIfAbsent(name, key -> EnumSet.noneOf(Policy.class));
      for (String policy : policies) {
        Policy known = Policy.byAnnotation(policy);
        if (known == null) {
          throw new IllegalArgumentException("not a policy annotation: " + policy);
        }
        carried.add(known);
      }
      return this;
    }

    /**
     * The timed method {@code method} with its timeout, the configured one if any ({@link
     * AsyncRuntime#timed(AsyncMethod, long, TimeUnit)}).
     *
     * @param method the method
     * @param timeout its {@link Timeout#value()}
     * @param unit its {@link Timeout#unit()}
     * @return the timed method
     */
    public AsyncRuntime.TimedMethod timed(AsyncMethod method, long timeout, TimeUnit unit) {
      Overrides.Resolved resolved = resolveTimeout(method.methodName(), timeout, unit);
      AsyncRuntime.TimedMethod made = AsyncRuntime.timed(method, timeout, unit);
      made.config = this;
      if (resolved.problems().isEmpty()) {
        retime(made, resolved);
      }
      synchronized (this) {
        timed.add(new Timed(made, timeout, unit));
      }
      return made;
    }

    /**
     * Called once the twin's policies are all built, as its class ends initialising: from now on,
     * when any key of the class is bad, its constructor throws and its calls fail, with one
     * exception that lists them all. It never throws itself.
     */
    public void complete() {
      List<Problem> problems = problems();
      if (!problems.isEmpty()) {
        fail(new PolicyConfigException(className, publish(problems)));
      }
      synchronized (TWINS) {
        TWINS.put(className, this);
      }
    }

    /**
     * Throws the exception that lists every bad key of the class, if any: generated constructors
     * call it.
     *
     * @throws PolicyConfigException when a key of the class is bad
     */
    public void check() {
      PolicyConfigException bad = failure;
      if (bad != null) {
        throw bad;
      }
    }

    /**
     * Runs {@code method}, a static method of the twin with neither policies nor a timeout, as
     * {@link AsyncRuntime#call(Executor, AsyncMethod, AsyncRuntime.ValueBody)} does; when a key of
     * the class is bad, returns a future failed with the exception that lists them instead, as the
     * twin's other methods do.
     *
     * @param <R> the type of the method's result
     * @param executor where the method runs
     * @param method the method
     * @param body the method's body
     * @return the method's result, or the exception it throws, as a future
     */
    public <R> CompletableFuture<R> call(
        Executor executor, AsyncMethod method, AsyncRuntime.ValueBody<? extends R> body) {
      PolicyConfigException bad = failure;
      return bad != null
          ? CompletableFuture.failedFuture(bad)
          : AsyncRuntime.<R>call(executor, method, body);
    }

    /**
     * As {@link #call(Executor, AsyncMethod, AsyncRuntime.ValueBody)}, for a {@code void} method
     * ({@link AsyncRuntime#run(Executor, AsyncMethod, AsyncRuntime.VoidBody)}).
     *
     * @param executor where the method runs
     * @param method the method
     * @param body the method's body
     * @return the method's completion, or the exception it throws, as a future
     */
    public CompletableFuture<Void> run(
        Executor executor, AsyncMethod method, AsyncRuntime.VoidBody body) {
      PolicyConfigException bad = failure;
      return bad != null
          ? CompletableFuture.failedFuture(bad)
          : AsyncRuntime.run(executor, method, body);
    }

    /**
     * As {@link #call(Executor, AsyncMethod, AsyncRuntime.ValueBody)}, for a method that returns a
     * stage ({@link AsyncRuntime#relay(Executor, AsyncMethod, AsyncRuntime.ValueBody)}).
     *
     * @param <R> the type the stage completes with
     * @param executor where the method runs
     * @param method the method
     * @param body the method's body
     * @return the result of the stage the method returns, or the exception it throws, as a future
     */
    public <R> CompletableFuture<R> relay(
        Executor executor,
        AsyncMethod method,
        AsyncRuntime.ValueBody<? extends CompletionStage<? extends R>> body) {
      PolicyConfigException bad = failure;
      return bad != null
          ? CompletableFuture.failedFuture(bad)
          : AsyncRuntime.<R>relay(executor, method, body);
    }

    String className() {
      return className;
    }

    Set<Policy> carried(String method) {
      Set<Policy> carried = methods.get(method);
      return carried == null ? EnumSet.noneOf(Policy.class) : carried;
    }

    synchronized void add(FaultTolerance policy) {
      policies.add(policy);
    }

    KeyCheck.Shape shape() {
      return new KeyCheck.Shape(className, Map.copyOf(methods));
    }

    /** What the twin has built so far, its policies and its timed methods, copied. */
    private record Built(List<FaultTolerance> policies, List<Timed> timed) {}

    private synchronized Built built() {
      return new Built(new ArrayList<>(policies), new ArrayList<>(timed));
    }

    /** Every problem of the twin's configuration now: its values, then its keys. */
    private List<Problem> problems() {
      List<Problem> problems = valueProblems();
      problems.addAll(KeyCheck.check(shape()));
      return problems;
    }

    private void fail(PolicyConfigException bad) {
      failure = bad;
      Built now = built();
      for (FaultTolerance policy : now.policies()) {
        policy.fail(bad);
      }
      for (Timed time : now.timed()) {
        time.method().fail(bad);
      }
    }

    private List<Problem> valueProblems() {
      List<Problem> problems = new ArrayList<>();
      Built now = built();
      for (FaultTolerance policy : now.policies()) {
        problems.addAll(policy.resolve(this).problems());
      }
      for (Timed time : now.timed()) {
        problems.addAll(
            resolveTimeout(time.method().method().methodName(), time.timeout(), time.unit())
                .problems());
      }
      return problems;
    }

    /** The problems of the sources now; with {@code apply}, the policies rebuilt from them. */
    private List<Problem> rebuild(boolean apply) {
      if (!apply) {
        return problems();
      }
      Built now = built();
      for (FaultTolerance policy : now.policies()) {
        policy.rebuild(this);
      }
      for (Timed time : now.timed()) {
        Overrides.Resolved resolved =
            resolveTimeout(time.method().method().methodName(), time.timeout(), time.unit());
        retime(time.method(), resolved);
      }
      failure = null;
      return List.of();
    }

    private Overrides.Resolved resolveTimeout(String method, long timeout, TimeUnit unit) {
      Map<dev.asyncdsl.internal.config.Member, Object> values = new LinkedHashMap<>();
      values.put(dev.asyncdsl.internal.config.Member.TIMEOUT_VALUE, timeout);
      values.put(dev.asyncdsl.internal.config.Member.TIMEOUT_UNIT, unit);
      values.put(dev.asyncdsl.internal.config.Member.TIMEOUT_ENABLED, true);
      return Overrides.resolve(className, method, EnumSet.of(Policy.TIMEOUT), values);
    }

    /** Sets the effective timeout; a timeout switched off lasts as long as a deadline can. */
    private static void retime(AsyncRuntime.TimedMethod method, Overrides.Resolved resolved) {
      if (resolved.enabled().contains(Policy.TIMEOUT)) {
        method.retime(
            (Long) resolved.values().get(dev.asyncdsl.internal.config.Member.TIMEOUT_VALUE),
            (TimeUnit) resolved.values().get(dev.asyncdsl.internal.config.Member.TIMEOUT_UNIT));
      } else {
        method.retime(dev.asyncdsl.internal.policy.Policies.LONGEST_NANOS, TimeUnit.NANOSECONDS);
      }
    }
  }

  static List<PolicyConfigException.Problem> publish(List<Problem> problems) {
    List<PolicyConfigException.Problem> published = new ArrayList<>();
    for (Problem problem : problems) {
      published.add(
          new PolicyConfigException.Problem(
              problem.tag(), problem.key(), problem.value(), problem.where(), problem.message()));
    }
    return published;
  }
}
