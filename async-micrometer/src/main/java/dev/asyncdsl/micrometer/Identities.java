package dev.asyncdsl.micrometer;

import dev.asyncdsl.AsyncMethod;

/**
 * The meters of the {@link AsyncMethod} instances seen, by identity: an open-addressing table read
 * without a lock and without allocating, where a twin's constant is found with its identity hash
 * and one comparison. Written under its lock, copied into a larger table when half full.
 *
 * <p>Bounded: a program that makes a new {@code AsyncMethod} per call (a hand call that does not
 * keep it in a constant) would otherwise fill it without end; past {@link #LIMIT} descriptions, the
 * others are not kept here and are found by equality each time, which costs more but holds nothing.
 */
final class Identities {
  /** The most descriptions kept: far more than the methods of any program. */
  static final int LIMIT = 1 << 14;

  /**
   * A description and its method's meters; final fields, so one seen in the table is seen whole.
   */
  private record Entry(AsyncMethod method, MethodMeters meters) {}

  private volatile Entry[] table = new Entry[64];

  /** Guarded by this. */
  private int size;

  /**
   * The meters of {@code method}, if this instance was seen.
   *
   * @param method the description a call passed
   * @return its meters, or null
   */
  MethodMeters get(AsyncMethod method) {
    Entry[] entries = table;
    int mask = entries.length - 1;
    for (int i = System.identityHashCode(method) & mask; ; i = (i + 1) & mask) {
      Entry entry = entries[i];
      if (entry == null) {
        return null;
      }
      if (entry.method == method) {
        return entry.meters;
      }
    }
  }

  /**
   * Keeps {@code meters} for this instance of {@code method}, unless the table is full.
   *
   * @param method the description a call passed
   * @param meters its method's meters
   */
  synchronized void put(AsyncMethod method, MethodMeters meters) {
    if (size >= LIMIT || get(method) != null) {
      return;
    }
    Entry[] entries = table;
    if (2 * (size + 1) > entries.length) {
      Entry[] larger = new Entry[2 * entries.length];
      for (Entry entry : entries) {
        if (entry != null) {
          insert(larger, entry);
        }
      }
      insert(larger, new Entry(method, meters));
      table = larger;
    } else {
      // Readers see the slot empty or the entry whole: an empty slot ends their search, as it did.
      insert(entries, new Entry(method, meters));
    }
    size++;
  }

  private static void insert(Entry[] entries, Entry entry) {
    int mask = entries.length - 1;
    int i = System.identityHashCode(entry.method) & mask;
    while (entries[i] != null) {
      i = (i + 1) & mask;
    }
    entries[i] = entry;
  }
}
