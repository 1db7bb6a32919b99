package dev.asyncdsl.jobrunr.sample;

import dev.asyncdsl.jobrunr.DurableContext;
import dev.asyncdsl.jobrunr.spi.DurableContextCarrier;
import java.util.Map;

/**
 * A carrier found as a service that carries nothing and, while {@link #failing} is set, throws from
 * both of its methods: a carrier with a bug.
 */
public final class FaultyCarrier implements DurableContextCarrier {
  /** Whether capture and restore throw. */
  public static volatile boolean failing;

  /** Found by the service loader. */
  public FaultyCarrier() {}

  @Override
  public void capture(Map<String, String> into) {
    if (failing) {
      into.put("faulty.half", "written before the failure");
      throw new IllegalStateException("the carrier failed to capture");
    }
  }

  @Override
  public DurableContext.Scope restore(Map<String, String> entries) {
    if (failing) {
      throw new IllegalStateException("the carrier failed to restore");
    }
    return () -> {};
  }
}
