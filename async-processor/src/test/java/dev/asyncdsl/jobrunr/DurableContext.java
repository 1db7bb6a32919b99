package dev.asyncdsl.jobrunr;

import java.util.Map;

/** Stand-in for compile tests: the caller's context of a job. */
public record DurableContext(Map<String, String> entries) {
  public static DurableContext capture() {
    return empty();
  }

  public static DurableContext empty() {
    return new DurableContext(Map.of());
  }
}
