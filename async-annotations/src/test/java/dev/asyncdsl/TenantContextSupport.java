package dev.asyncdsl;

import dev.asyncdsl.spi.ContextPropagator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The context the context tests carry: a thread-local of the test's own, {@link #TENANT}, through
 * {@link ContextPropagator#ofThreadLocal}, registered for each test and set to {@code "caller"} on
 * the test's thread; unregistered and cleared after it.
 */
abstract class TenantContextSupport extends ConcurrencyTestSupport {
  static final ThreadLocal<String> TENANT = new ThreadLocal<>();

  final ContextPropagator<String, String> tenant = ContextPropagator.ofThreadLocal(TENANT);

  @BeforeEach
  void registerTheTenant() {
    ContextPropagator.register(tenant);
    TENANT.set("caller");
  }

  @AfterEach
  void unregisterTheTenant() {
    ContextPropagator.unregister(tenant);
    TENANT.remove();
  }
}
