package dev.asyncdsl.jobrunr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.asyncdsl.jobrunr.sample.FaultyCarrier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Capturing and restoring a job's context when the thread's context is odd or a carrier fails. */
class DurableContextEdgesTest {
  @AfterEach
  void clear() {
    MDC.clear();
    FaultyCarrier.failing = false;
    DurableJobs.unprovide(StringBuilder.class);
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

  @Test
  void aCarrierThatFailsLosesOnlyItsOwnEntriesAndItsFailureGoesToTheUncaughtHandler() {
    MDC.put("tenant", "acme");
    List<Throwable> reported = new ArrayList<>();
    Thread thread = Thread.currentThread();
    Thread.UncaughtExceptionHandler before = thread.getUncaughtExceptionHandler();
    thread.setUncaughtExceptionHandler((t, e) -> reported.add(e));
    FaultyCarrier.failing = true;
    try {
      DurableContext captured = DurableContext.capture();
      assertEquals(Map.of("mdc.tenant", "acme"), captured.entries());

      MDC.clear();
      DurableContext.Scope restored = captured.restore();
      try {
        assertEquals("acme", MDC.get("tenant"));
      } finally {
        restored.close();
      }
      assertNull(MDC.get("tenant"));
    } finally {
      thread.setUncaughtExceptionHandler(before);
    }
    assertEquals(2, reported.size());
    reported.forEach(e -> assertInstanceOf(IllegalStateException.class, e));
  }

  @Test
  void aProviderThatGivesNothingIsToldPlainly() {
    DurableJobs.provide(StringBuilder.class, () -> null);

    IllegalStateException failure =
        assertThrows(
            IllegalStateException.class,
            () -> DurableJobs.instance(StringBuilder.class, StringBuilder::new));
    assertFalse(failure.getMessage().isEmpty());
  }
}
