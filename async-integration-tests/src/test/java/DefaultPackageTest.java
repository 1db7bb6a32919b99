import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A type in the unnamed package gets its twin there too. */
class DefaultPackageTest {
  @Test
  void twinInTheUnnamedPackage() {
    assertEquals("tool saw", DefaultPackageToolAsync.tool("saw").join());
  }
}
