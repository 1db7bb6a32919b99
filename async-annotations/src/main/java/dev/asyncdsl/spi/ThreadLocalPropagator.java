package dev.asyncdsl.spi;

/** {@link ContextPropagator#ofThreadLocal}: a thread-local's value, {@code null} for none. */
final class ThreadLocalPropagator<T> implements ContextPropagator<T, T> {
  private final ThreadLocal<T> local;

  ThreadLocalPropagator(ThreadLocal<T> local) {
    this.local = local;
  }

  @Override
  public T capture() {
    return local.get();
  }

  @Override
  public T restore(T captured) {
    T previous = local.get();
    if (previous != captured) {
      set(captured);
    }
    return previous;
  }

  @Override
  public void reset(T previous) {
    if (local.get() != previous) {
      set(previous);
    }
  }

  private void set(T value) {
    if (value == null) {
      local.remove();
    } else {
      local.set(value);
    }
  }

  /** Equal to the propagator of the same thread-local, so registering it twice adds it once. */
  @Override
  public boolean equals(Object other) {
    return other instanceof ThreadLocalPropagator<?> that && that.local == local;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(local);
  }

  @Override
  public String toString() {
    return "ContextPropagator.ofThreadLocal(" + local + ")";
  }
}
