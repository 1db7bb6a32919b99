/**
 * The asyncdsl annotations and the runtime that generated twins call. It exports the API, {@code
 * dev.asyncdsl}, and the service-provider interface, {@code dev.asyncdsl.spi}, and nothing else:
 * the runtime's machinery ({@code dev.asyncdsl.internal} and below) is public only so that its
 * packages can reach each other. It requires nothing but {@code java.base}.
 */
module dev.asyncdsl {
  exports dev.asyncdsl;
  exports dev.asyncdsl.spi;

  uses dev.asyncdsl.spi.ContextPropagator;
  uses dev.asyncdsl.spi.CallListener;
}
