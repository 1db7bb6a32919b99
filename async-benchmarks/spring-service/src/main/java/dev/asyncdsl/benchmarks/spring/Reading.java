package dev.asyncdsl.benchmarks.spring;

/**
 * One region's reading.
 *
 * @param region the region asked for
 * @param celsius the temperature, or null when neither the downstream nor the cache had one
 * @param source {@code LIVE} from the downstream, {@code FALLBACK} from the cache
 */
public record Reading(String region, Double celsius, String source) {
  static Reading live(String region, double celsius) {
    return new Reading(region, celsius, "LIVE");
  }

  static Reading fallback(String region, Double lastKnown) {
    return new Reading(region, lastKnown, "FALLBACK");
  }
}
