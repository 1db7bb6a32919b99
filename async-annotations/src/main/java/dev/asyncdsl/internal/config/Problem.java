package dev.asyncdsl.internal.config;

/**
 * A configured value or key that is wrong.
 *
 * @param tag the stable tag, the processor's where it applies the same rule
 * @param key the key
 * @param value the value it was given
 * @param where which source gave it
 * @param message what is wrong and what to do instead
 */
public record Problem(String tag, String key, String value, String where, String message) {
  /**
   * One line of a report.
   *
   * @return e.g. {@code [TAG] key = value (system property): message}
   */
  public String line() {
    return "[" + tag + "] " + key + " = " + value + " (" + where + "): " + message;
  }
}
