package dev.asyncdsl.modular;

import dev.asyncdsl.spi.ContextPropagator;

/**
 * A thread-local of the application's own, carried into every call by a propagator the module
 * provides ({@code provides dev.asyncdsl.spi.ContextPropagator} in its {@code module-info}).
 */
public final class Tenant {
  static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

  private Tenant() {}

  /** The propagator {@link java.util.ServiceLoader} finds on the module path. */
  public static final class Propagator implements ContextPropagator<String, String> {
    private final ContextPropagator<String, String> local =
        ContextPropagator.ofThreadLocal(CURRENT);

    /** Made by {@link java.util.ServiceLoader}. */
    public Propagator() {}

    @Override
    public String capture() {
      return local.capture();
    }

    @Override
    public String restore(String captured) {
      return local.restore(captured);
    }

    @Override
    public void reset(String previous) {
      local.reset(previous);
    }
  }
}
