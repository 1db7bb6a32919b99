package dev.asyncdsl.it.config;

import java.io.IOException;

/** What the configured classes read from: each test says how it fails. */
public interface Source {
  String read() throws IOException;
}
