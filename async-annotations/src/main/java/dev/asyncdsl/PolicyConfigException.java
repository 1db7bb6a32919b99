package dev.asyncdsl;

import java.util.List;

/**
 * Configuration that overrides policy annotations is wrong: every bad key of a twin (or, from
 * {@link PolicyConfig#check}, of every twin checked), each with its tag, key, value, source and
 * what to do instead, so one deploy shows them all. The tags of bad values are those the processor
 * gives the same values in annotations ({@code RETRY_MAX_RETRIES_BELOW_MINUS_ONE}, ...); a bad key
 * has {@code CONFIG_UNKNOWN_METHOD}, {@code CONFIG_UNKNOWN_POLICY}, {@code
 * CONFIG_POLICY_NOT_CARRIED}, {@code CONFIG_UNKNOWN_MEMBER} or {@code CONFIG_UNKNOWN_KEY}, and a
 * value that is no number, unit or class list {@code CONFIG_VALUE_UNREADABLE}.
 */
public final class PolicyConfigException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** The problems. */
  private final transient List<Problem> problems;

  /**
   * One bad key.
   *
   * @param tag the stable tag
   * @param key the key, or the environment variable
   * @param value its value
   * @param source which source gave it
   * @param message what is wrong, and what to do instead (with the valid key nearest a bad one)
   */
  public record Problem(String tag, String key, String value, String source, String message) {
    @Override
    public String toString() {
      return "[" + tag + "] " + key + " = " + value + " (" + source + "): " + message;
    }
  }

  PolicyConfigException(String what, List<Problem> problems) {
    super(message(what, problems));
    this.problems = List.copyOf(problems);
  }

  private static String message(String what, List<Problem> problems) {
    StringBuilder text =
        new StringBuilder()
            .append(problems.size())
            .append(
                problems.size() == 1
                    ? " bad fault-tolerance setting"
                    : " bad fault-tolerance settings")
            .append(" for ")
            .append(what)
            .append(':');
    for (Problem problem : problems) {
      text.append("\n  ").append(problem);
    }
    return text.toString();
  }

  /**
   * Every bad key, in the order they were found.
   *
   * @return the problems
   */
  public List<Problem> problems() {
    return problems == null ? List.of() : problems;
  }
}
