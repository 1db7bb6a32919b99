package dev.asyncdsl.internal.context;

import dev.asyncdsl.internal.registry.Providers;
import dev.asyncdsl.spi.ContextPropagator;
import java.util.List;

/**
 * The propagators in use, and a call's captured context: what {@link ContextPropagator} describes.
 *
 * <p>A snapshot is an array: at 0 the propagators it was captured with (so a registration made
 * meanwhile changes nothing for it), then one captured value per propagator. {@link #restore}
 * returns what the thread had, for {@link #reset} with the same snapshot: with one propagator (the
 * usual case) its value itself, else an array of one value per propagator. With no propagator,
 * {@link #capture} returns null and every other method is skipped by its caller, so a call pays one
 * volatile read for the feature.
 *
 * <p>The propagators are a {@link Providers} list: read on every call with one volatile read,
 * changed at start-up, those found with {@code ServiceLoader} loaded the first time they are
 * needed.
 */
public final class Propagation {
  /** The propagators in use. */
  @SuppressWarnings({"unchecked", "rawtypes"}) // a class literal of a generic interface is raw
  private static final Providers<ContextPropagator<?, ?>> PROPAGATORS =
      new Providers<>((Class) ContextPropagator.class, new ContextPropagator<?, ?>[0]);

  private Propagation() {}

  /**
   * Captures the current thread's context for a call that starts now.
   *
   * @return the snapshot, or null when no propagator is in use
   */
  public static Object[] capture() {
    ContextPropagator<?, ?>[] in = PROPAGATORS.current();
    if (in.length == 0) {
      return null;
    }
    Object[] snapshot = new Object[in.length + 1];
    snapshot[0] = in;
    for (int i = 0; i < in.length; i++) {
      snapshot[i + 1] = in[i].capture();
    }
    return snapshot;
  }

  /**
   * Makes {@code snapshot} the current thread's context; returns what the thread held, for {@link
   * #reset}. If a propagator throws, those restored before it are reset and the failure thrown (any
   * throwable: one a propagator throws undeclared, as Kotlin may, too).
   *
   * @param snapshot what {@link #capture} returned, not null
   * @return what to give to {@link #reset} afterwards, with the same snapshot
   */
  public static Object restore(Object[] snapshot) {
    ContextPropagator<?, ?>[] in = (ContextPropagator<?, ?>[]) snapshot[0];
    if (in.length == 1) {
      try {
        return restoreOne(in[0], snapshot[1]);
      } catch (Throwable failure) {
        throw Propagation.<RuntimeException>sneaky(failure);
      }
    }
    Object[] previous = new Object[in.length];
    int i = 0;
    try {
      for (; i < in.length; i++) {
        previous[i] = restoreOne(in[i], snapshot[i + 1]);
      }
    } catch (Throwable failure) {
      resetFirst(in, previous, i, failure);
      throw Propagation.<RuntimeException>sneaky(failure);
    }
    return previous;
  }

  /**
   * Puts back what {@link #restore} replaced, last restored first. Every propagator is reset even
   * if one throws; the first failure goes to the thread's uncaught-exception handler, as the
   * failure of a task an executor runs would, since the work it followed is over.
   *
   * @param snapshot the snapshot given to {@code restore}
   * @param previous what {@code restore} returned
   */
  public static void reset(Object[] snapshot, Object previous) {
    ContextPropagator<?, ?>[] in = (ContextPropagator<?, ?>[]) snapshot[0];
    Throwable failure;
    if (in.length == 1) {
      failure = null;
      try {
        resetOne(in[0], previous);
      } catch (Throwable t) {
        failure = t;
      }
    } else {
      failure = resetFirst(in, (Object[]) previous, in.length, null);
    }
    if (failure != null) {
      report(failure);
    }
  }

  /**
   * Hands {@code failure} to the current thread's uncaught-exception handler, as the failure of a
   * task an executor runs would be; a handler that throws in turn is ignored, so that the runtime's
   * own bookkeeping after a reset (a bulkhead's slot) still happens.
   *
   * @param failure what a propagator threw
   */
  public static void report(Throwable failure) {
    Providers.report(failure);
  }

  /** Throws {@code failure} as it is, checked or not. */
  @SuppressWarnings("unchecked") // erased: throws the failure itself
  private static <X extends Throwable> X sneaky(Throwable failure) throws X {
    throw (X) failure;
  }

  /**
   * Runs {@code action} in {@code snapshot}'s context, for a task the runtime runs on a thread of
   * its own (a retry's backoff, a timeout): returns {@code action} itself when there is none.
   *
   * @param snapshot what {@link #capture} returned, or null
   * @param action what to run
   * @return {@code action}, in the snapshot's context
   */
  public static Runnable inContext(Object[] snapshot, Runnable action) {
    if (snapshot == null) {
      return action;
    }
    return () -> {
      // A propagator that cannot restore must not keep the action from running (a retry never
      // started would leave its call pending): it runs without the context, and the failure is
      // thrown afterwards, to whoever runs the task.
      Object previous = null;
      Throwable broken = null;
      try {
        previous = restore(snapshot);
      } catch (Throwable t) {
        broken = t;
      }
      try {
        action.run();
      } finally {
        if (broken == null) {
          reset(snapshot, previous);
        }
      }
      if (broken != null) {
        throw Propagation.<RuntimeException>sneaky(broken);
      }
    };
  }

  /** Resets the first {@code count} propagators of {@code in} to {@code previous}, last first. */
  private static Throwable resetFirst(
      ContextPropagator<?, ?>[] in, Object[] previous, int count, Throwable failure) {
    for (int i = count - 1; i >= 0; i--) {
      try {
        resetOne(in[i], previous[i]);
      } catch (Throwable t) {
        if (failure == null) {
          failure = t;
        } else if (failure != t) {
          failure.addSuppressed(t);
        }
      }
    }
    return failure;
  }

  @SuppressWarnings("unchecked") // the value was captured by this same propagator
  private static <C, P> Object restoreOne(ContextPropagator<C, P> propagator, Object captured) {
    return propagator.restore((C) captured);
  }

  @SuppressWarnings("unchecked") // the value was returned by this same propagator's restore
  private static <C, P> void resetOne(ContextPropagator<C, P> propagator, Object previous) {
    propagator.reset((P) previous);
  }

  /**
   * Adds {@code propagator} unless it is in use already.
   *
   * @param propagator the propagator to add
   */
  public static void register(ContextPropagator<?, ?> propagator) {
    PROPAGATORS.register(propagator);
  }

  /**
   * Removes {@code propagator}.
   *
   * @param propagator the propagator to remove
   * @return whether it was in use
   */
  public static boolean unregister(ContextPropagator<?, ?> propagator) {
    return PROPAGATORS.unregister(propagator);
  }

  /**
   * The propagators in use, in order.
   *
   * @return a copy
   */
  public static List<ContextPropagator<?, ?>> inUse() {
    return PROPAGATORS.list();
  }
}
