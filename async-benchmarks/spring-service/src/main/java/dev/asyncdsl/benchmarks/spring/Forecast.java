package dev.asyncdsl.benchmarks.spring;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The answer of every variant's {@code /forecast}: four regions' readings.
 *
 * @param readings in the order of {@link #REGIONS}
 */
public record Forecast(List<Reading> readings) {
  /** The regions each request asks for, one downstream call each. */
  public static final List<String> REGIONS = List.of("north", "east", "south", "west");

  /** The forecast of four calls made at once, as a hand-written gather does it. */
  static CompletableFuture<Forecast> allOf(List<CompletableFuture<Reading>> calls) {
    return CompletableFuture.allOf(calls.toArray(CompletableFuture<?>[]::new))
        .thenApply(done -> new Forecast(calls.stream().map(CompletableFuture::join).toList()));
  }
}
