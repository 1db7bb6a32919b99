package dev.asyncdsl.internal.config;

import dev.asyncdsl.internal.config.Sources.Found;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Resolves the values of one method's policies: each member's annotation value, unless a key at the
 * method's level, the class's or the global one (in that order; MicroProfile's spelling before
 * SmallRye's at each level; each key in the sources' order) gives another. The values it finds are
 * checked by the rules the processor applies to annotations, with the same tags.
 */
public final class Overrides {
  /** MicroProfile's switch for every policy but {@code @Fallback}. */
  public static final String NON_FALLBACK_ENABLED = "MP_Fault_Tolerance_NonFallback_Enabled";

  /** SmallRye's spelling of {@link #NON_FALLBACK_ENABLED}. */
  public static final String SMALLRYE_ENABLED = "smallrye.faulttolerance.enabled";

  private static final String SMALLRYE = "smallrye.faulttolerance.";

  /**
   * A method's resolved values.
   *
   * @param values each member's value, the annotation's or the overriding one
   * @param found where each overridden member's value came from
   * @param enabled the carried policies that are switched on
   * @param problems what is wrong with the overriding values
   */
  public record Resolved(
      Map<Member, Object> values,
      Map<Member, Found> found,
      Set<Policy> enabled,
      List<Problem> problems) {
    /**
     * A time member in nanoseconds, at most {@code Long.MAX_VALUE}.
     *
     * @param length the member
     * @param unit its unit's member
     * @return nanoseconds
     */
    public long nanos(Member length, Member unit) {
      return ((TimeUnit) values.get(unit)).toNanos((Long) values.get(length));
    }
  }

  private Overrides() {}

  /**
   * The keys that may set {@code member} of {@code method} in {@code className}, the first found
   * winning: MicroProfile's then SmallRye's, at the method's level, the class's, the global one.
   *
   * @param className the binary name of the annotated class
   * @param method the method's name
   * @param member the member
   * @return the keys, in precedence order
   */
  public static List<String> keys(String className, String method, Member member) {
    List<String> keys = new ArrayList<>();
    String policy = member.policy().annotation();
    String kebab = member.policy().kebab();
    for (String prefix : new String[] {className + "/" + method + "/", className + "/", ""}) {
      for (String name : member.names()) {
        keys.add(prefix + policy + "/" + name);
      }
      String scope =
          prefix.isEmpty()
              ? SMALLRYE + "global."
              : SMALLRYE + "\"" + prefix.substring(0, prefix.length() - 1) + "\".";
      for (String name : member.kebabNames()) {
        keys.add(scope + kebab + "." + name);
      }
    }
    return keys;
  }

  /**
   * Resolves the values of {@code method}'s policies.
   *
   * @param className the binary name of the annotated class
   * @param method the method's name
   * @param carried the policies the method carries
   * @param annotated every member of those policies, as the annotations (or their defaults) say
   * @return the values, where they came from, and what is wrong
   */
  public static Resolved resolve(
      String className, String method, Set<Policy> carried, Map<Member, Object> annotated) {
    Map<Member, Object> values = new EnumMap<>(Member.class);
    values.putAll(annotated);
    Map<Member, Found> found = new EnumMap<>(Member.class);
    List<Problem> problems = new ArrayList<>();
    Set<Policy> enabled = EnumSet.noneOf(Policy.class);
    Found nonFallback = first(List.of(NON_FALLBACK_ENABLED, SMALLRYE_ENABLED));
    for (Policy policy : carried) {
      for (Member member : Member.of(policy)) {
        Found value = first(keys(className, method, member));
        if (value == null && member.kind() == Member.Kind.BOOLEAN && policy != Policy.FALLBACK) {
          value = nonFallback;
        }
        if (value == null) {
          continue;
        }
        try {
          values.put(member, member.parse(value.value()));
          found.put(member, value);
        } catch (IllegalArgumentException unreadable) {
          problems.add(unreadable(member, value));
        }
      }
      if (!Boolean.FALSE.equals(values.get(Member.enabled(policy)))) {
        enabled.add(policy);
      }
    }
    Rules.check(values, found, enabled, problems);
    return new Resolved(values, found, enabled, problems);
  }

  /** A value {@code member} cannot take. */
  static Problem unreadable(Member member, Found value) {
    return new Problem(
        "CONFIG_VALUE_UNREADABLE",
        value.key(),
        value.value(),
        value.where(),
        "@"
            + member.policy().annotation()
            + "("
            + member.names().get(0)
            + ") must be "
            + member.expected()
            + "; give one, or remove the key");
  }

  private static Found first(List<String> keys) {
    for (String key : keys) {
      Found value = Sources.find(key);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  /** {@code 200 milliseconds}, {@code 1 second}, as the processor's messages say it. */
  static String amount(long value, TimeUnit unit) {
    String name = unit.name().toLowerCase(Locale.ROOT);
    return value + " " + (value == 1 || value == -1 ? name.substring(0, name.length() - 1) : name);
  }
}
