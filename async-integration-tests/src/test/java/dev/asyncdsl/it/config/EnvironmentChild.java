package dev.asyncdsl.it.config;

import dev.asyncdsl.PolicyConfig;
import dev.asyncdsl.PolicyRegistry;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Run in a JVM of its own by {@link ConfiguredTwinTest}, with an environment variable set: calls
 * {@link ByEnvironment#read()} through its twin against a source that always fails, and prints how
 * many reads that made and the effective retry count with its origin.
 */
public final class EnvironmentChild {
  private EnvironmentChild() {}

  public static void main(String[] args) throws Exception {
    AtomicInteger reads = new AtomicInteger();
    ByEnvironmentAsync twin =
        new ByEnvironmentAsync(
            new ByEnvironment(
                () -> {
                  reads.incrementAndGet();
                  throw new IOException("down");
                }));
    try {
      twin.read().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException expected) {
      // every attempt fails
    }
    PolicyConfig.EffectiveValue retries =
        PolicyRegistry.policies("ByEnvironment.read()").get(0).effectiveValues().stream()
            .filter(value -> value.member().equals("maxRetries"))
            .findFirst()
            .orElseThrow();
    System.out.println(
        "reads="
            + reads.get()
            + " maxRetries="
            + retries.value()
            + " "
            + retries.origin()
            + " "
            + retries.key());
    System.exit(0);
  }
}
