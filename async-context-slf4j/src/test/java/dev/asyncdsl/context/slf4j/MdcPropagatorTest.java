package dev.asyncdsl.context.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncdsl.spi.ContextPropagator;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The propagator's three steps on one thread, against Logback's MDC. */
class MdcPropagatorTest {
  private final MdcPropagator propagator = new MdcPropagator();

  @AfterEach
  void clear() {
    MDC.clear();
  }

  @Test
  @SuppressWarnings("rawtypes") // a class literal of a generic interface is raw
  void theJarRegistersItWithTheServiceLoader() {
    assertTrue(
        ServiceLoader.load(ContextPropagator.class).stream()
            .anyMatch(provider -> provider.type() == MdcPropagator.class));
  }

  @Test
  void anEmptyMdcCapturesNothing() {
    assertNull(propagator.capture());
    MDC.put("a", "1");
    MDC.remove("a");
    assertNull(propagator.capture(), "emptied is empty");
  }

  @Test
  void aCaptureIsNotChangedByWhatTheThreadDoesAfterwards() {
    MDC.put("a", "1");
    Map<String, String> captured = propagator.capture();
    MDC.put("a", "2");
    MDC.put("b", "3");
    assertEquals(Map.of("a", "1"), captured);
  }

  @Test
  void restoreSetsTheCaptureAndResetPutsBackExactlyWhatTheThreadHeld() {
    MDC.put("a", "1");
    Map<String, String> captured = propagator.capture();
    MDC.clear();
    MDC.put("own", "x");
    Map<String, String> previous = propagator.restore(captured);
    assertEquals(Map.of("a", "1"), MDC.getCopyOfContextMap());
    MDC.put("added", "by the work");
    propagator.reset(previous);
    assertEquals(Map.of("own", "x"), MDC.getCopyOfContextMap());
    assertEquals(Map.of("a", "1"), captured, "the work's change did not reach the capture");
  }

  @Test
  void restoringNothingClearsAndResetGivesTheMapBack() {
    MDC.put("own", "x");
    Map<String, String> previous = propagator.restore(null);
    assertNull(MDC.getCopyOfContextMap());
    propagator.reset(previous);
    assertEquals(Map.of("own", "x"), MDC.getCopyOfContextMap());
  }

  @Test
  void aThreadWithNoMdcHasNoneAfterwardsWhateverTheWorkPutThere() {
    Map<String, String> previous = propagator.restore(Map.of("a", "1"));
    assertNull(previous);
    MDC.put("added", "by the work");
    propagator.reset(previous);
    assertNull(MDC.getCopyOfContextMap());

    previous = propagator.restore(null);
    assertNull(previous);
    MDC.put("added", "by the work");
    propagator.reset(previous);
    assertNull(MDC.getCopyOfContextMap());
  }
}
