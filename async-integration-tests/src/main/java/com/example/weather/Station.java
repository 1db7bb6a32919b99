package com.example.weather;

import java.io.IOException;

/** A weather station on the network: every reading blocks until it answers. */
public interface Station {
  double readCelsius(String city) throws IOException;
}
