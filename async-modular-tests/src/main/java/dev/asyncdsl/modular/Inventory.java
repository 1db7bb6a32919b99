package dev.asyncdsl.modular;

import dev.asyncdsl.Async;
import dev.asyncdsl.Timeout;

/** Blocking methods, given a twin by the processor inside a named module. */
public class Inventory {
  /** An inventory. */
  public Inventory() {}

  /**
   * How many of {@code item} are in stock.
   *
   * @param item the item's name
   * @return the count
   */
  @Async
  @Timeout(5)
  public int count(String item) {
    return item.length();
  }

  /**
   * Doubles a number.
   *
   * @param n the number
   * @return twice {@code n}
   */
  @Async
  public static long twice(long n) {
    return 2 * n;
  }

  /**
   * The tenant the current thread serves.
   *
   * @return the tenant, or null
   */
  @Async
  public String tenant() {
    return Tenant.CURRENT.get();
  }
}
