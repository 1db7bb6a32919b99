package dev.asyncdsl.examples.spring;

/**
 * One region's temperature, and where it came from.
 *
 * @param region the region asked for
 * @param celsius the temperature, or null when neither the third party nor the cache had one
 * @param source {@link Source#LIVE} from the third party, {@link Source#FALLBACK} from the cache
 */
public record Reading(String region, Double celsius, Source source) {
  /** Where a reading came from. */
  public enum Source {
    /** The third party answered. */
    LIVE,
    /** The third party did not answer in time, failed, or its circuit was open. */
    FALLBACK
  }
}
