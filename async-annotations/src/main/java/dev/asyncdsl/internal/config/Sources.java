package dev.asyncdsl.internal.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Where configured values come from, in order: the source the application installed, the system
 * properties, the environment (by MicroProfile Config's mapping: the key as it is, then with every
 * character other than a letter or digit replaced by {@code _}, then that in upper case).
 */
public final class Sources {
  /** Where a value came from. */
  public enum Origin {
    /** The annotation, or its member's default: nothing overrides it. */
    ANNOTATION,
    /** The source the application installed. */
    APPLICATION,
    /** A system property. */
    SYSTEM_PROPERTY,
    /** An environment variable. */
    ENVIRONMENT
  }

  /**
   * A value a source holds.
   *
   * @param key the key it was asked for
   * @param value the value as the source gave it
   * @param origin which source
   * @param name the name the source knows it by: the key, or the environment variable
   */
  public record Found(String key, String value, Origin origin, String name) {
    /** "system property p.Client/fetch/Retry/maxRetries". */
    public String where() {
      switch (origin) {
        case APPLICATION:
          return "application source";
        case SYSTEM_PROPERTY:
          return "system property";
        case ENVIRONMENT:
          return "environment variable " + name;
        default:
          return "annotation";
      }
    }
  }

  /** The application's source and the keys it knows, or null. */
  private record Installed(
      Function<String, String> source, Supplier<? extends Collection<String>> keys) {}

  private static volatile Installed installed;

  /** The environment, replaceable by tests of this room. */
  private static volatile Function<String, String> environment = System::getenv;

  private static volatile Supplier<Map<String, String>> environmentNames = System::getenv;

  private Sources() {}

  /**
   * Installs the application's source, which comes before system properties and the environment.
   *
   * @param source the value of a key, or null when it has none
   * @param keys the keys it holds, for the start-up check; null when it cannot tell
   */
  public static void install(
      Function<String, String> source, Supplier<? extends Collection<String>> keys) {
    installed = new Installed(Objects.requireNonNull(source, "source"), keys);
  }

  /** Removes the application's source. */
  public static void uninstall() {
    installed = null;
  }

  /**
   * Replaces the environment, for tests that cannot set a real one.
   *
   * @param variables the variables, by name
   */
  public static void environment(Map<String, String> variables) {
    environment = variables::get;
    environmentNames = () -> variables;
  }

  /** Goes back to the real environment. */
  public static void realEnvironment() {
    environment = System::getenv;
    environmentNames = System::getenv;
  }

  /**
   * The first value of {@code key}, in the order of the sources.
   *
   * @param key the key
   * @return the value and where it came from, or null when no source holds one
   */
  public static Found find(String key) {
    Installed application = installed;
    if (application != null) {
      String value;
      try {
        value = application.source().apply(key);
      } catch (RuntimeException broken) {
        // A configuration library that cannot resolve a value (an undefined ${...}) throws: that
        // is the key's problem, reported with it, never a twin's class that fails to initialise.
        value = "<the application's source failed: " + broken + ">";
      }
      if (isSet(value)) {
        return new Found(key, value, Origin.APPLICATION, key);
      }
    }
    String property = System.getProperty(key);
    if (isSet(property)) {
      return new Found(key, property, Origin.SYSTEM_PROPERTY, key);
    }
    Function<String, String> env = environment;
    String mapped = environmentName(key);
    for (String name : new String[] {key, mapped, mapped.toUpperCase(Locale.ROOT)}) {
      String value = env.apply(name);
      if (isSet(value)) {
        return new Found(key, value, Origin.ENVIRONMENT, name);
      }
    }
    return null;
  }

  /** As in MicroProfile Config, an empty value is no value: {@code X=} in a container unsets. */
  private static boolean isSet(String value) {
    return value != null && !value.isEmpty();
  }

  /**
   * {@code key} with every character other than an ASCII letter or digit replaced by {@code _}, as
   * MicroProfile Config maps keys to environment variables (before upper-casing).
   *
   * @param key the key
   * @return the mapped name
   */
  public static String environmentName(String key) {
    StringBuilder name = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      boolean alphanumeric =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      name.append(alphanumeric ? c : '_');
    }
    return name.toString();
  }

  /**
   * The keys the application's source and the system properties hold, sorted.
   *
   * @return the keys; the application's only when it said which it holds
   */
  static Set<String> keys() {
    Set<String> keys = new TreeSet<>();
    Installed application = installed;
    if (application != null && application.keys() != null) {
      keys.addAll(application.keys().get());
    }
    keys.addAll(System.getProperties().stringPropertyNames());
    return keys;
  }

  /**
   * The names of the environment variables, sorted.
   *
   * @return the names
   */
  static Set<String> environmentNames() {
    return new TreeSet<>(environmentNames.get().keySet());
  }
}
