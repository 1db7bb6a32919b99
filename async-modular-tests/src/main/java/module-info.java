/** A user's module: it reads the asyncdsl runtime and nothing else. */
module dev.asyncdsl.modular {
  requires dev.asyncdsl;
}
