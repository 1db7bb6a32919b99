package dev.asyncdsl.jobrunr.internal;

import dev.asyncdsl.jobrunr.DurableContext;
import dev.asyncdsl.jobrunr.spi.DurableContextCarrier;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.MDC;

/** Carries SLF4J's MDC, each entry under its key prefixed with {@value #PREFIX}. */
final class MdcCarrier implements DurableContextCarrier {
  static final String PREFIX = "mdc.";

  @Override
  public void capture(Map<String, String> into) {
    Map<String, String> mdc = MDC.getCopyOfContextMap();
    if (mdc != null) {
      // An entry put with no value is left out: a job's context holds strings only.
      mdc.forEach(
          (key, value) -> {
            if (key != null && value != null) {
              into.put(PREFIX + key, value);
            }
          });
    }
  }

  @Override
  public DurableContext.Scope restore(Map<String, String> entries) {
    Map<String, String> mdc = new HashMap<>();
    entries.forEach(
        (key, value) -> {
          if (key.startsWith(PREFIX)) {
            mdc.put(key.substring(PREFIX.length()), value);
          }
        });
    Map<String, String> before = MDC.getCopyOfContextMap();
    if (mdc.isEmpty() && (before == null || before.isEmpty())) {
      return () -> {};
    }
    MDC.setContextMap(mdc);
    return () -> {
      if (before == null) {
        MDC.clear();
      } else {
        MDC.setContextMap(before);
      }
    };
  }
}
