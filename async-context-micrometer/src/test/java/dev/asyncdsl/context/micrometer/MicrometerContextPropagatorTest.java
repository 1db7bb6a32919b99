package dev.asyncdsl.context.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncdsl.spi.ContextPropagator;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshot;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The propagator's three steps on one thread, with a registry of its own. */
class MicrometerContextPropagatorTest {
  private static final ThreadLocal<String> LOCAL = new ThreadLocal<>();

  private final MicrometerContextPropagator propagator =
      new MicrometerContextPropagator(
          new ContextRegistry().registerThreadLocalAccessor("local", LOCAL));

  @AfterEach
  void clear() {
    LOCAL.remove();
  }

  @Test
  @SuppressWarnings("rawtypes") // a class literal of a generic interface is raw
  void theJarRegistersItWithTheServiceLoader() {
    assertTrue(
        ServiceLoader.load(ContextPropagator.class).stream()
            .anyMatch(provider -> provider.type() == MicrometerContextPropagator.class));
  }

  @Test
  void aCaptureIsNotChangedByWhatTheThreadDoesAfterwards() {
    LOCAL.set("caller");
    ContextSnapshot captured = propagator.capture();
    LOCAL.set("changed");
    ContextSnapshot.Scope scope = propagator.restore(captured);
    assertEquals("caller", LOCAL.get());
    propagator.reset(scope);
    assertEquals("changed", LOCAL.get());
  }

  @Test
  void aValueTheCallerLackedIsClearedForTheWorkAndPutBackAfter() {
    ContextSnapshot captured = propagator.capture();
    LOCAL.set("own");
    ContextSnapshot.Scope scope = propagator.restore(captured);
    assertNull(LOCAL.get());
    LOCAL.set("set by the work");
    propagator.reset(scope);
    assertEquals("own", LOCAL.get());
  }

  @Test
  void restoringNothingClearsEveryThreadLocal() {
    LOCAL.set("own");
    ContextSnapshot.Scope scope = propagator.restore(null);
    assertNull(LOCAL.get());
    propagator.reset(scope);
    assertEquals("own", LOCAL.get());
  }

  @Test
  void aThreadWithNoValueHasNoneAfterwards() {
    LOCAL.set("caller");
    ContextSnapshot captured = propagator.capture();
    LOCAL.remove();
    ContextSnapshot.Scope scope = propagator.restore(captured);
    assertEquals("caller", LOCAL.get());
    propagator.reset(scope);
    assertNull(LOCAL.get());
  }
}
