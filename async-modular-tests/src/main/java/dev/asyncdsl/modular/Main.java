package dev.asyncdsl.modular;

import java.util.List;

/** Runs the twin from the module path; exits with status 1 when a result is wrong. */
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
    System.out.println("counts " + counts + ", twice " + twice + ", named module " + named);
    if (!counts.equals(List.of(1, 2, 3)) || twice != 42 || !named) {
      System.exit(1);
    }
  }
}
