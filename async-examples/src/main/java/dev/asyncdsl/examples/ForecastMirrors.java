package dev.asyncdsl.examples;

import dev.asyncdsl.Async;
import dev.asyncdsl.Timeout;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Third-party forecast services, as the post's "third party API that is down" case needs them:
 * one answers at once, one slowly, one fails, one is down and never answers.
 */
public final class ForecastMirrors {
  /** The mirrors whose call was interrupted while it waited: proof that the work was stopped. */
  static final Set<String> INTERRUPTED = ConcurrentHashMap.newKeySet();

  private static final Map<String, Long> ANSWER_AFTER_MILLIS = Map.of("fast", 50L, "slow", 300L);

  private ForecastMirrors() {}

  /** Asks one mirror for the temperature; a mirror that is down would block forever. */
  @Async
  @Timeout(value = 500, unit = TimeUnit.MILLISECONDS)
  public static double forecast(String mirror) throws IOException, InterruptedException {
    if (mirror.equals("broken")) {
      throw new IOException("mirror " + mirror + " answered 503 Service Unavailable");
    }
    try {
      Thread.sleep(ANSWER_AFTER_MILLIS.getOrDefault(mirror, Long.MAX_VALUE));
    } catch (InterruptedException e) {
      INTERRUPTED.add(mirror);
      throw e;
    }
    return mirror.equals("fast") ? 21.5 : 21.0;
  }
}
