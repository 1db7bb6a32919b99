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

  @Override
  public String toString() {
    return "ContextPropagator.ofThreadLocal(" + local + ")";
  }
}
