package dev.asyncdsl.jobrunr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.asyncdsl.jobrunr.sample.FaultyCarrier;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The context of a job in an application without OpenTelemetry's API: the module's classes loaded
 * again by a class loader that cannot see {@code io.opentelemetry}.
 */
class WithoutOpenTelemetryTest {
  /** Hides OpenTelemetry, and makes the child load this module's classes afresh. */
  private static final class HidingLoader extends ClassLoader {
    HidingLoader(ClassLoader parent) {
      super(parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith("io.opentelemetry.") || name.startsWith("dev.asyncdsl.jobrunr.")) {
        throw new ClassNotFoundException(name);
      }
      return super.loadClass(name, resolve);
    }
  }

  @AfterEach
  void clear() {
    MDC.clear();
  }

  @Test
  void theMdcIsCapturedAndRestoredWithoutOpenTelemetry() throws Exception {
    URL module = DurableContext.class.getProtectionDomain().getCodeSource().getLocation();
    URL carriers = FaultyCarrier.class.getProtectionDomain().getCodeSource().getLocation();
    ClassLoader own = WithoutOpenTelemetryTest.class.getClassLoader();
    Thread thread = Thread.currentThread();
    ClassLoader contextLoader = thread.getContextClassLoader();
    try (URLClassLoader isolated =
        new URLClassLoader(new URL[] {module, carriers}, new HidingLoader(own))) {
      assertThrows(
          ClassNotFoundException.class,
          () -> Class.forName("io.opentelemetry.api.trace.Span", false, isolated));
      thread.setContextClassLoader(isolated);
      Class<?> contextType = Class.forName(DurableContext.class.getName(), true, isolated);
      MDC.put("tenant", "acme");

      Object captured = contextType.getMethod("capture").invoke(null);
      assertEquals(Map.of("mdc.tenant", "acme"), contextType.getMethod("entries").invoke(captured));

      MDC.clear();
      Object scope = contextType.getMethod("restore").invoke(captured);
      assertEquals("acme", MDC.get("tenant"));
      Method close = scope.getClass().getMethod("close");
      close.setAccessible(true);
      close.invoke(scope);
      assertNull(MDC.get("tenant"));
    } finally {
      thread.setContextClassLoader(contextLoader);
    }
  }
}
