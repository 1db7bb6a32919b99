package dev.asyncdsl.context.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.util.LogbackMDCAdapter;
import dev.asyncdsl.spi.ContextPropagator;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.slf4j.helpers.BasicMDCAdapter;

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

  @Test
  void withLogbackAnUnchangedMdcIsCapturedWithoutACopy() {
    LogbackMDCAdapter logback = (LogbackMDCAdapter) MDC.getMDCAdapter();
    MDC.put("a", "1");
    Map<String, String> first = propagator.capture();
    assertSame(first, propagator.capture(), "a second capture of an unchanged MDC copied it");
    assertSame(logback.getPropertyMap(), first);
    MDC.put("a", "2");
    assertEquals(Map.of("a", "2"), propagator.capture());
    assertEquals(Map.of("a", "1"), first, "a change replaced Logback's map, not changed it");
  }

  @Test
  void withLogbackAThreadHoldingTheVeryMapIsLeftAsItIs() {
    LogbackMDCAdapter logback = (LogbackMDCAdapter) MDC.getMDCAdapter();
    MDC.put("a", "1");
    Map<String, String> captured = propagator.capture();
    Map<String, String> previous = propagator.restore(captured);
    assertSame(captured, previous);
    assertSame(captured, logback.getPropertyMap(), "the caller's own thread was given a copy");
    propagator.reset(previous);
    assertSame(captured, logback.getPropertyMap());
  }

  @Test
  void throughAnyOtherProviderTheMapsAreCopiesAndTheThreadIsPutBackAllTheSame() {
    BasicMDCAdapter other = new BasicMDCAdapter();
    MdcPropagator throughApi = new MdcPropagator(other);
    assertNull(throughApi.capture());
    other.put("a", "1");
    Map<String, String> captured = throughApi.capture();
    other.put("a", "2");
    assertEquals(Map.of("a", "1"), captured);

    other.clear();
    other.put("own", "x");
    Map<String, String> previous = throughApi.restore(captured);
    assertEquals(Map.of("a", "1"), other.getCopyOfContextMap());
    other.put("added", "by the work");
    throughApi.reset(previous);
    assertEquals(Map.of("own", "x"), other.getCopyOfContextMap());

    previous = throughApi.restore(null);
    assertTrue(other.getCopyOfContextMap() == null || other.getCopyOfContextMap().isEmpty());
    throughApi.reset(previous);
    assertEquals(Map.of("own", "x"), other.getCopyOfContextMap());
    assertTrue(throughApi.toString().contains("BasicMDCAdapter"), throughApi.toString());
  }
}
