package dev.asyncdsl.jobrunr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Capturing and restoring a job's context when the thread's context is odd or a carrier fails. */
class DurableContextEdgesTest {
  @AfterEach
  void clear() {
    MDC.clear();
  }

  @Test
  void anMdcEntryWithNoValueIsLeftOutAndTheRestIsCaptured() {
    MDC.put("tenant", "acme");
    MDC.put("user", null);

    DurableContext captured = DurableContext.capture();

    assertEquals(Map.of("mdc.tenant", "acme"), captured.entries());
  }

  @Test
  void aHugeMdcValueTravelsWhole() {
    String huge = "x".repeat(1 << 20);
    MDC.put("payload", huge);

    DurableContext captured = DurableContext.capture();
    MDC.clear();
    DurableContext.Scope restored = captured.restore();
    try {
      assertEquals(huge, MDC.get("payload"));
    } finally {
      restored.close();
    }
    assertNull(MDC.get("payload"));
  }
}
