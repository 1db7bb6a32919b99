package dev.asyncdsl.it.shapes;

import dev.asyncdsl.Async;
import java.util.List;

/** A recursive bound, wildcards, arrays and varargs. */
public final class Node<T extends Comparable<T>> {
  private final T value;

  public Node(T value) {
    this.value = value;
  }

  @Async
  public boolean isBefore(Node<? extends T> other) {
    return value.compareTo(other.value) < 0;
  }

  @Async
  public static int[] reversed(int[] values) {
    int[] copy = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      copy[i] = values[values.length - 1 - i];
    }
    return copy;
  }

  @Async
  @SafeVarargs
  @SuppressWarnings("varargs")
  public static <E> List<E> listOf(E... elements) {
    return List.of(elements);
  }

  @Async
  public static String joined(String separator, String... parts) {
    return String.join(separator, parts);
  }

  @Async
  public static double total(List<? extends Number> numbers) {
    return numbers.stream().mapToDouble(Number::doubleValue).sum();
  }
}
