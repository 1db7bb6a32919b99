package dev.asyncdsl.context.micrometer;

import dev.asyncdsl.spi.ContextPropagator;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import java.util.Objects;

/**
 * Carries the thread-locals of a Micrometer {@link ContextRegistry}, {@link
 * ContextRegistry#getInstance() the global one} unless told otherwise, from the caller of a twin's
 * method to the threads that run the call's work: a {@link ContextSnapshot} of every registered
 * {@link io.micrometer.context.ThreadLocalAccessor}, taken when the method is called.
 *
 * <p>Registered with {@link java.util.ServiceLoader} by this jar, so adding the jar is all it
 * takes. Accessors registered with the registry later are carried by the calls made after.
 *
 * <p>The work sees exactly the caller's values: a thread-local the caller had no value in is
 * cleared for the work (the snapshots are made with {@link
 * ContextSnapshotFactory.Builder#clearMissing(boolean) clearMissing(true)}), so a value a pooled
 * thread was left with never shows in it. Afterwards the thread has its own values back.
 *
 * <p>If the MDC is registered here too (with Micrometer's {@code Slf4jThreadLocalAccessor}), it
 * needs no other propagator: {@code async-context-slf4j} would carry it a second time.
 */
public final class MicrometerContextPropagator
    implements ContextPropagator<ContextSnapshot, ContextSnapshot.Scope> {
  /** No context object to read besides the thread-locals: one array for every capture. */
  private static final Object[] THREAD_LOCALS_ONLY = new Object[0];

  private final ContextSnapshotFactory snapshots;

  /** Restored for a call that captured nothing: it clears every thread-local of the registry. */
  private final ContextSnapshot none;

  /**
   * Carries the thread-locals of the global registry, {@link ContextRegistry#getInstance()}: what
   * {@link java.util.ServiceLoader} creates.
   */
  public MicrometerContextPropagator() {
    this(ContextRegistry.getInstance());
  }

  /**
   * Carries the thread-locals of {@code registry}. Register it with {@link
   * ContextPropagator#register}; the global registry's propagator is found with the {@link
   * java.util.ServiceLoader} already.
   *
   * @param registry the registry whose thread-local accessors travel
   */
  public MicrometerContextPropagator(ContextRegistry registry) {
    this.snapshots =
        ContextSnapshotFactory.builder()
            .contextRegistry(Objects.requireNonNull(registry, "registry"))
            .clearMissing(true)
            .build();
    this.none = snapshots.captureFrom();
  }

  /**
   * A snapshot of the current thread's values, one per registered accessor that has one.
   *
   * @return the snapshot, never {@code null}
   */
  @Override
  public ContextSnapshot capture() {
    return snapshots.captureAll(THREAD_LOCALS_ONLY);
  }

  /**
   * Sets the snapshot's values in the current thread, and clears the registered thread-locals it
   * holds no value for.
   *
   * @param captured what {@link #capture()} returned; {@code null} clears every registered
   *     thread-local
   * @return the scope that puts the thread's own values back
   */
  @Override
  public ContextSnapshot.Scope restore(ContextSnapshot captured) {
    return (captured != null ? captured : none).setThreadLocals();
  }

  /**
   * Puts the thread's own values back: closes the scope.
   *
   * @param previous what {@link #restore} returned
   */
  @Override
  public void reset(ContextSnapshot.Scope previous) {
    if (previous != null) {
      previous.close();
    }
  }

  @Override
  public String toString() {
    return "MicrometerContextPropagator";
  }
}
