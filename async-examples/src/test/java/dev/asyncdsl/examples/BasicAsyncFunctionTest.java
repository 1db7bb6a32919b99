package dev.asyncdsl.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class BasicAsyncFunctionTest {
  @Test
  @org.junit.jupiter.api.Timeout(10)
  void printsTheStartedLineThenTheResult() throws Exception {
    try (Console console = Console.capture()) {
      int result = BasicAsyncFunction.run();

      assertEquals(2, result);
      assertEquals(List.of("started func 1: 2", "2"), console.lines());
    }
  }

  @Test
  @org.junit.jupiter.api.Timeout(10)
  void theTwinReturnsTheMethodsResult() {
    try (Console console = Console.capture()) {
      assertEquals(6, SeedFunctionsAsync.func1(5).join());
      assertEquals(List.of("started func 1: 6"), console.lines());
    }
  }
}
