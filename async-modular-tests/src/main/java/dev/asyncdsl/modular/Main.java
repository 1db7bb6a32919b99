package dev.asyncdsl.modular;

import java.util.List;

/**
 * Runs the twin from the module path; prints nothing unless a result is wrong (then exits with 1).
 */
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
    // The module's own propagator, found by ServiceLoader on the module path, carries the tenant.
    Tenant.CURRENT.set("acme");
    String tenant = inventory.tenant().join();
    boolean named = Main.class.getModule().isNamed();
    // The runtime is a real module (not an automatic one) that exports its API and no internals.
    Module runtime = dev.asyncdsl.AsyncRuntime.class.getModule();
    boolean explicit = runtime.isNamed() && !runtime.getDescriptor().isAutomatic();
    boolean sealed =
        !runtime.isExported("dev.asyncdsl.internal", Main.class.getModule())
            && runtime.isExported("dev.asyncdsl.spi", Main.class.getModule());
    // The module's own listener, found the same way, heard every call of its twins.
    String heard =
        Heard.succeeded("Inventory.count(String)")
            + " "
            + Heard.succeeded("Inventory.twice(long)")
            + " "
            + Heard.succeeded("Inventory.tenant()");
    if (!counts.equals(List.of(1, 2, 3))
        || !heard.equals("3 1 1")
        || twice != 42
        || !"acme".equals(tenant)
        || !named
        || !explicit
        || !sealed) {
      System.err.println(
          "wrong: counts "
              + counts
              + ", twice "
              + twice
              + ", tenant "
              + tenant
              + ", named module "
              + named
              + ", explicit runtime module "
              + explicit
              + ", API and SPI alone exported "
              + sealed
              + ", calls of count, twice and tenant heard "
              + heard);
      System.exit(1);
    }
  }
}
