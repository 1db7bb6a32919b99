package dev.asyncdsl.internal.context;

import dev.asyncdsl.spi.ContextPropagator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

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
 * <p>The propagators are an array replaced as a whole (copy on write): read on every call, changed
 * at start-up. Those found with {@link ServiceLoader} are loaded the first time they are needed.
 */
public final class Propagation {
  private static final ContextPropagator<?, ?>[] NONE = new ContextPropagator<?, ?>[0];

  private static final Object LOCK = new Object();

  /** The propagators in use; null until the service-loaded ones are read. */
  private static volatile ContextPropagator<?, ?>[] propagators;

  /**
   * While the service-loaded ones are read: those registered meanwhile (by a provider's own
   * constructor, say), added after them. Guarded by {@link #LOCK}.
   */
  private static List<ContextPropagator<?, ?>> registeredWhileLoading;

  private Propagation() {}

  /**
   * Captures the current thread's context for a call that starts now.
   *
   * @return the snapshot, or null when no propagator is in use
   */
  public static Object[] capture() {
    ContextPropagator<?, ?>[] in = propagators;
    if (in == null) {
      in = loaded();
    }
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
    try {
      Thread thread = Thread.currentThread();
      thread.getUncaughtExceptionHandler().uncaughtException(thread, failure);
    } catch (Throwable ignored) {
      // The handler's own failure has nowhere better to go.
    }
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
    synchronized (LOCK) {
      if (registeredWhileLoading != null) {
        if (!registeredWhileLoading.contains(propagator)) {
          registeredWhileLoading.add(propagator);
        }
        return;
      }
      ContextPropagator<?, ?>[] in = loaded();
      if (indexOf(in, propagator) < 0) {
        ContextPropagator<?, ?>[] grown = Arrays.copyOf(in, in.length + 1);
        grown[in.length] = propagator;
        propagators = grown;
      }
    }
  }

  /**
   * Removes {@code propagator}.
   *
   * @param propagator the propagator to remove
   * @return whether it was in use
   */
  public static boolean unregister(ContextPropagator<?, ?> propagator) {
    synchronized (LOCK) {
      if (registeredWhileLoading != null) {
        return registeredWhileLoading.remove(propagator);
      }
      ContextPropagator<?, ?>[] in = loaded();
      int index = indexOf(in, propagator);
      if (index < 0) {
        return false;
      }
      List<ContextPropagator<?, ?>> kept = new ArrayList<>(Arrays.asList(in));
      kept.remove(index);
      propagators = kept.isEmpty() ? NONE : kept.toArray(NONE);
      return true;
    }
  }

  /**
   * The propagators in use, in order.
   *
   * @return a copy
   */
  public static List<ContextPropagator<?, ?>> inUse() {
    ContextPropagator<?, ?>[] in = propagators;
    return List.of(in == null ? loaded() : in);
  }

  private static int indexOf(ContextPropagator<?, ?>[] in, ContextPropagator<?, ?> propagator) {
    for (int i = 0; i < in.length; i++) {
      if (in[i].equals(propagator)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The propagators in use, the service-loaded ones read first if they have not been. A provider
   * that cannot be loaded is left out, and said so on the {@code System.Logger} of this class: one
   * broken jar must not fail every call.
   */
  private static ContextPropagator<?, ?>[] loaded() {
    synchronized (LOCK) {
      ContextPropagator<?, ?>[] in = propagators;
      if (in != null) {
        return in;
      }
      if (registeredWhileLoading != null) {
        return NONE; // a provider's constructor made a call: it carries nothing yet
      }
      registeredWhileLoading = new ArrayList<>();
      try {
        in = loadProviders();
      } finally {
        registeredWhileLoading = null;
      }
      propagators = in;
      return in;
    }
  }

  /**
   * The providers {@link ServiceLoader} finds, then those registered while it ran; holding {@link
   * #LOCK}.
   */
  @SuppressWarnings("rawtypes") // a class literal of a generic interface is raw
  private static ContextPropagator<?, ?>[] loadProviders() {
    List<ContextPropagator<?, ?>> found = new ArrayList<>();
    ServiceLoader<ContextPropagator> loader = ServiceLoader.load(ContextPropagator.class);
    Iterator<ContextPropagator> providers = loader.iterator();
    while (true) {
      try {
        if (!providers.hasNext()) {
          break;
        }
        found.add(providers.next());
      } catch (ServiceConfigurationError broken) {
        System.getLogger(Propagation.class.getName())
            .log(
                System.Logger.Level.WARNING,
                "a ContextPropagator could not be loaded and is left out",
                broken);
      }
    }
    for (ContextPropagator<?, ?> early : registeredWhileLoading) {
      if (!found.contains(early)) {
        found.add(early);
      }
    }
    return found.toArray(NONE);
  }
}
