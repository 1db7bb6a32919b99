package dev.asyncdsl.agenttests;

import dev.asyncdsl.spi.ContextPropagator;
import java.util.Map;
import org.slf4j.MDC;

/** SLF4J's MDC, copied from the caller and put back afterwards. */
final class ProgramMdcPropagator
    implements ContextPropagator<Map<String, String>, Map<String, String>> {
  @Override
  public Map<String, String> capture() {
    return MDC.getCopyOfContextMap();
  }

  @Override
  public Map<String, String> restore(Map<String, String> captured) {
    Map<String, String> previous = MDC.getCopyOfContextMap();
    set(captured);
    return previous;
  }

  @Override
  public void reset(Map<String, String> previous) {
    set(previous);
  }

  private static void set(Map<String, String> map) {
    if (map == null || map.isEmpty()) {
      MDC.clear();
    } else {
      MDC.setContextMap(map);
    }
  }
}
