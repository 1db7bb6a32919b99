package dev.asyncdsl.spring.boot;

import dev.asyncdsl.PolicyConfig;
import dev.asyncdsl.PolicyConfigException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Spring's {@link org.springframework.core.env.Environment} as the source of {@link PolicyConfig}:
 * a key is looked up as Spring looks up any property (profiles, {@code application.yml}, config
 * servers, with Spring's precedence), and the fault-tolerance keys of its listable property sources
 * are handed over for the start-up check. System properties and environment variables are left to
 * {@code PolicyConfig}, which reads them itself (with MicroProfile's mapping of variable names).
 *
 * <p>{@code PolicyConfig} is one per JVM. The context that started last is the source; when it
 * closes, the one before it is the source again (as when tests start a context inside another), and
 * twins already initialised read their values again.
 */
final class EnvironmentPolicySource {
  /** The installed sources, the one in use first. Guarded by itself. */
  private static final Deque<EnvironmentPolicySource> INSTALLED = new ArrayDeque<>();

  private final ConfigurableEnvironment environment;

  private EnvironmentPolicySource(ConfigurableEnvironment environment) {
    this.environment = environment;
  }

  /** Makes {@code environment} the source, until {@link #uninstall()}. */
  static EnvironmentPolicySource install(ConfigurableEnvironment environment) {
    EnvironmentPolicySource source = new EnvironmentPolicySource(environment);
    synchronized (INSTALLED) {
      INSTALLED.push(source);
      source.activate();
    }
    return source;
  }

  /** Stops being the source; the one installed before it, if any, is the source again. */
  void uninstall() {
    synchronized (INSTALLED) {
      boolean inUse = INSTALLED.peek() == this;
      INSTALLED.remove(this);
      if (!inUse) {
        return;
      }
      EnvironmentPolicySource previous = INSTALLED.peek();
      if (previous == null) {
        PolicyConfig.uninstall();
        reloadQuietly();
      } else {
        previous.activate();
      }
    }
  }

  private void activate() {
    PolicyConfig.install(this::value, this::keys);
    reloadQuietly();
  }

  /**
   * Twins initialised before (by another context, or a test) read their values again. A bad key is
   * left for the start-up check to report, with every other.
   */
  private static void reloadQuietly() {
    try {
      PolicyConfig.reload();
    } catch (PolicyConfigException reportedByTheCheck) {
      // PolicyConfig.check, run as the context starts, throws with the same list.
    }
  }

  String value(String key) {
    return environment.getProperty(key);
  }

  /** The keys of the listable sources that look like fault-tolerance keys. */
  Set<String> keys() {
    Set<String> keys = new LinkedHashSet<>();
    for (PropertySource<?> source : environment.getPropertySources()) {
      String name = source.getName();
      if (name.equals(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME)
          || name.equals(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)
          || !(source instanceof EnumerablePropertySource<?> listable)) {
        continue;
      }
      for (String key : listable.getPropertyNames()) {
        if (isFaultToleranceKey(key)) {
          keys.add(key);
        }
      }
    }
    return keys;
  }

  /** MicroProfile's keys hold a slash; SmallRye's and the global switch have their prefixes. */
  static boolean isFaultToleranceKey(String key) {
    return key.indexOf('/') >= 0
        || key.startsWith("smallrye.faulttolerance.")
        || key.equals("MP_Fault_Tolerance_NonFallback_Enabled");
  }
}
