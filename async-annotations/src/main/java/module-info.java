/**
 * The asyncdsl annotations and the runtime that generated twins call. It exports the API, {@code
 * dev.asyncdsl}, and nothing else: the runtime's machinery ({@code dev.asyncdsl.internal} and
 * below) is public only so that its packages can reach each other. It requires nothing but {@code
 * java.base}.
 */
module dev.asyncdsl {
  exports dev.asyncdsl;
}
