/**
 * The asyncdsl annotations and the runtime that generated twins call. It exports the API, {@code
 * dev.asyncdsl}, and the service-provider interface, {@code dev.asyncdsl.spi}, and nothing else:
 * the runtime's machinery ({@code dev.asyncdsl.internal} and below) is public only so that its
 * packages can reach each other. It requires nothing but {@code java.base}; {@code jdk.jfr} only if
 * it is there (its Flight Recorder events), so it runs in an image without it.
 */
module dev.asyncdsl {
  requires static jdk.jfr;

  exports dev.asyncdsl;
  exports dev.asyncdsl.spi;

  uses dev.asyncdsl.spi.ContextPropagator;
  uses dev.asyncdsl.spi.CallListener;
}
