package dev.asyncdsl.it.shapes;

import dev.asyncdsl.Async;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;

/** A generic class with a bounded type variable and generic methods. */
public class Cache<K extends Comparable<K>, V> {
  private final Map<K, V> entries = new ConcurrentSkipListMap<>();

  @Async
  public void put(K key, V value) {
    entries.put(key, value);
  }

  @Async
  public V get(K key) {
    return entries.get(key);
  }

  @Async
  public <R> R transform(K key, Function<? super V, ? extends R> function) {
    return function.apply(entries.get(key));
  }
}
