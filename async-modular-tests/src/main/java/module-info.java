/**
 * A user's module: it reads the asyncdsl runtime and nothing else, and provides a context
 * propagator for a thread-local of its own and a listener of its twins' calls.
 */
module dev.asyncdsl.modular {
  requires dev.asyncdsl;

  provides dev.asyncdsl.spi.ContextPropagator with
      dev.asyncdsl.modular.Tenant.Propagator;
  provides dev.asyncdsl.spi.CallListener with
      dev.asyncdsl.modular.Heard;
}
