package dev.asyncdsl.modular;

import java.util.List;

/** Runs the twin from the module path; prints nothing unless a result is wrong (then exits with 1). */
public final class Main {
  private Main() {}

  /**
   * Checks the twin's results.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    InventoryAsync inventory = new InventoryAsync(new Inventory());
    List<Integer> counts = inventory.countAll(List.of("a", "bb", "ccc")).join();
    long twice = InventoryAsync.twice(21).join();
    boolean named = Main.class.getModule().isNamed();
    if (!counts.equals(List.of(1, 2, 3)) || twice != 42 || !named) {
      System.err.println("wrong: counts " + counts + ", twice " + twice + ", named module " + named);
      System.exit(1);
    }
  }
}
