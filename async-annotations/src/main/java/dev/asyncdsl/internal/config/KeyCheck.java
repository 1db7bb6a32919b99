package dev.asyncdsl.internal.config;

import dev.asyncdsl.internal.config.Sources.Found;
import dev.asyncdsl.internal.config.Sources.Origin;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds the keys that name a known twin's class but no method, policy or member of it (or a policy
 * the method does not carry), and global keys with a member no policy has, in the sources that can
 * list their keys: system properties, the environment, and the application's source when it said
 * which keys it holds. Each comes with the valid key nearest to it.
 */
public final class KeyCheck {
  private static final String SMALLRYE = "smallrye.faulttolerance.";

  /**
   * What the processor knows of a twin: the annotated class and the policies each method carries.
   *
   * @param className the binary name of the annotated class
   * @param methods the policies of each {@code @Async} method, by name (overloads share one)
   */
  public record Shape(String className, Map<String, Set<Policy>> methods) {
    /** The policies some method carries. */
    Set<Policy> anyCarried() {
      Set<Policy> all = new LinkedHashSet<>();
      methods.values().forEach(all::addAll);
      return all;
    }

    /** Every key that may set a member of this twin, at its method's level and its class's. */
    Set<String> validKeys() {
      Set<String> keys = new LinkedHashSet<>();
      methods.forEach(
          (method, policies) -> {
            for (Policy policy : policies) {
              for (Member member : Member.of(policy)) {
                List<String> all = Overrides.keys(className, method, member);
                // The method's and the class's levels, not the global one.
                keys.addAll(all.subList(0, all.size() * 2 / 3));
              }
            }
          });
      return keys;
    }
  }

  private KeyCheck() {}

  /**
   * The bad keys of {@code shapes}, and the bad global keys.
   *
   * @param shapes the twins known
   * @return the problems, in the order of the keys
   */
  public static List<Problem> check(Collection<Shape> shapes) {
    List<Problem> problems = new ArrayList<>();
    for (String key : Sources.keys()) {
      Found value = Sources.find(key);
      if (value == null) {
        continue;
      }
      Problem global = global(key, value);
      if (global != null) {
        problems.add(global);
        continue;
      }
      for (Shape shape : shapes) {
        Problem problem = named(shape, key, value);
        if (problem != null) {
          problems.add(problem);
        }
      }
    }
    problems.addAll(environment(shapes));
    return problems;
  }

  /**
   * The bad keys of one twin.
   *
   * @param shape the twin
   * @return the problems
   */
  public static List<Problem> check(Shape shape) {
    List<Problem> problems = new ArrayList<>();
    for (String key : Sources.keys()) {
      Found value = Sources.find(key);
      Problem problem = value == null ? null : named(shape, key, value);
      if (problem != null) {
        problems.add(problem);
      }
    }
    problems.addAll(environment(List.of(shape)));
    return problems;
  }

  /** A key of {@code shape}'s class that sets nothing. */
  private static Problem named(Shape shape, String key, Found value) {
    String mpPrefix = shape.className() + "/";
    String srPrefix = SMALLRYE + "\"" + shape.className();
    String method;
    String policyName;
    String memberName;
    boolean smallRye;
    if (key.startsWith(mpPrefix)) {
      String[] parts = key.substring(mpPrefix.length()).split("/", -1);
      smallRye = false;
      if (parts.length == 2) {
        method = null;
        policyName = parts[0];
        memberName = parts[1];
      } else if (parts.length == 3) {
        method = parts[0];
        policyName = parts[1];
        memberName = parts[2];
      } else {
        return unknown(
            shape, key, value, "CONFIG_UNKNOWN_KEY", "is not a key of " + shape.className());
      }
    } else if (key.startsWith(srPrefix + "\"") || key.startsWith(srPrefix + "/")) {
      smallRye = true;
      int close = key.indexOf('"', srPrefix.length());
      String scope = key.substring(srPrefix.length(), Math.max(close, srPrefix.length()));
      method = scope.startsWith("/") ? scope.substring(1) : null;
      String rest = close < 0 || close + 2 > key.length() ? "" : key.substring(close + 2);
      int dot = rest.indexOf('.');
      policyName = dot < 0 ? rest : rest.substring(0, dot);
      memberName = dot < 0 ? "" : rest.substring(dot + 1);
    } else {
      return null;
    }
    if (shape.validKeys().contains(key)) {
      return null;
    }
    if (method != null && !shape.methods().containsKey(method)) {
      return unknown(
          shape,
          key,
          value,
          "CONFIG_UNKNOWN_METHOD",
          shape.className() + " has no @Async method " + method);
    }
    Policy policy = smallRye ? Policy.byKebab(policyName) : Policy.byAnnotation(policyName);
    if (policy == null) {
      return unknown(shape, key, value, "CONFIG_UNKNOWN_POLICY", policyName + " is not a policy");
    }
    Set<Policy> carried = method == null ? shape.anyCarried() : shape.methods().get(method);
    if (!carried.contains(policy)) {
      return unknown(
          shape,
          key,
          value,
          "CONFIG_POLICY_NOT_CARRIED",
          (method == null
                  ? "no @Async method of " + shape.className()
                  : shape.className() + "." + method)
              + " carries @"
              + policy.annotation()
              + ", and configuration can change a policy but not add one");
    }
    return unknown(
        shape,
        key,
        value,
        "CONFIG_UNKNOWN_MEMBER",
        "@" + policy.annotation() + " has no member " + memberName);
  }

  /** A global key whose member no policy has, or whose value is unreadable. */
  private static Problem global(String key, Found value) {
    Policy policy;
    String memberName;
    boolean smallRye = key.startsWith(SMALLRYE + "global.");
    if (smallRye) {
      String rest = key.substring((SMALLRYE + "global.").length());
      int dot = rest.indexOf('.');
      policy = dot < 0 ? null : Policy.byKebab(rest.substring(0, dot));
      memberName = dot < 0 ? "" : rest.substring(dot + 1);
    } else {
      String[] parts = key.split("/", -1);
      policy = parts.length == 2 ? Policy.byAnnotation(parts[0]) : null;
      memberName = parts.length == 2 ? parts[1] : "";
    }
    if (policy == null) {
      return null;
    }
    Member member =
        smallRye ? Member.kebabNamed(policy, memberName) : Member.named(policy, memberName);
    if (member == null) {
      List<String> candidates = new ArrayList<>();
      for (Member known : Member.of(policy)) {
        candidates.addAll(
            Overrides.keys("", "", known)
                .subList(
                    Overrides.keys("", "", known).size() * 2 / 3,
                    Overrides.keys("", "", known).size()));
      }
      return new Problem(
          "CONFIG_UNKNOWN_MEMBER",
          key,
          value.value(),
          value.where(),
          "@" + policy.annotation() + " has no member " + memberName + suggestion(key, candidates));
    }
    try {
      member.parse(value.value());
      return null;
    } catch (IllegalArgumentException unreadable) {
      return Overrides.unreadable(member, value);
    }
  }

  /** Environment variables that look like a key of one of {@code shapes} but are none. */
  private static List<Problem> environment(Collection<Shape> shapes) {
    List<Problem> problems = new ArrayList<>();
    Set<String> valid = new LinkedHashSet<>();
    for (Shape shape : shapes) {
      for (String key : shape.validKeys()) {
        valid.add(upper(key));
      }
    }
    for (String name : Sources.environmentNames()) {
      String upper = name.toUpperCase(Locale.ROOT);
      if (valid.contains(upper)) {
        continue;
      }
      for (Shape shape : shapes) {
        if (namesPartOf(shape, upper)) {
          Found value = new Found(name, "", Origin.ENVIRONMENT, name);
          List<String> candidates = new ArrayList<>();
          for (String key : shape.validKeys()) {
            candidates.add(upper(key));
          }
          problems.add(
              new Problem(
                  "CONFIG_UNKNOWN_KEY",
                  name,
                  value.value(),
                  value.where(),
                  "no key of "
                      + shape.className()
                      + " maps to this environment variable"
                      + suggestion(upper, candidates)));
          break;
        }
      }
    }
    return problems;
  }

  /**
   * Whether the environment variable {@code upper} (upper case) aims at {@code shape}'s class: its
   * class's name, as the environment writes it, is followed by a method of the class or one of the
   * policies. The environment's mapping loses {@code .}, {@code $} and {@code /}: {@code
   * P_OUTER_INNER_GET_...} may be for {@code p.Outer$Inner}, or for {@code p.Outer} if it has a
   * method {@code inner}; a variable that names nothing of the class may be any other program's
   * ({@code P_OUTER_URL}), and is left alone. So is a misspelled method name in the environment.
   */
  private static boolean namesPartOf(Shape shape, String upper) {
    for (String prefix :
        new String[] {
          upper(shape.className() + "/"), upper(SMALLRYE + "\"" + shape.className() + "/")
        }) {
      if (!upper.startsWith(prefix)) {
        continue;
      }
      String rest = upper.substring(prefix.length());
      for (String method : shape.methods().keySet()) {
        if (rest.startsWith(upper(method) + "_")) {
          return true;
        }
      }
      for (Policy policy : Policy.values()) {
        if (rest.startsWith(upper(policy.annotation()) + "_")
            || rest.startsWith("_" + upper(policy.kebab()) + "_")) {
          return true; // a class-level key, in either spelling
        }
      }
    }
    return false;
  }

  private static String upper(String key) {
    return Sources.environmentName(key).toUpperCase(Locale.ROOT);
  }

  private static Problem unknown(Shape shape, String key, Found value, String tag, String what) {
    return new Problem(
        tag,
        key,
        value.value(),
        value.where(),
        what + suggestion(key, new ArrayList<>(shape.validKeys())));
  }

  /** "; did you mean k?" with the candidate nearest to {@code key}, or nothing. */
  static String suggestion(String key, List<String> candidates) {
    String best = null;
    int distance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = distance(key, candidate);
      if (d < distance) {
        distance = d;
        best = candidate;
      }
    }
    return best == null ? "; remove the key" : "; did you mean " + best + "?";
  }

  /** Levenshtein's distance. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
