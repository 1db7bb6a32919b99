package com.example.weather;

import dev.asyncdsl.Async;
import dev.asyncdsl.Timeout;
import java.io.IOException;

public class Forecasts {
  private final Station station;

  public Forecasts(Station station) {
    this.station = station;
  }

  @Async
  @Timeout(2)
  public double celsius(String city) throws IOException {
    return station.readCelsius(city); // blocks on the network
  }

  @Async
  public void warmUp() throws InterruptedException {
    Thread.sleep(100);
  }

  @Async
  public static double fahrenheit(double celsius) {
    return celsius * 9 / 5 + 32;
  }
}
