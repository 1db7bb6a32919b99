package dev.asyncdsl.internal.registry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The providers of one service in use: those {@link ServiceLoader} finds, read the first time they
 * are needed, then those registered in code, in that order, without duplicates (by {@code equals}).
 *
 * <p>The list is an array replaced as a whole (copy on write): read on every call with one volatile
 * read, changed at start-up. A provider whose constructor registers another one, or makes a call
 * that reads the list on the same thread, while the service files are read does not deadlock: the
 * call sees an empty list, and the registration is appended after the providers found. One whose
 * constructor waits for another thread that reads the list does: the files are read under the
 * list's lock.
 *
 * @param <T> the service
 */
public final class Providers<T> {
  private final Class<T> service;
  private final T[] none;
  private final Object lock = new Object();

  /** The providers in use; null until the service files are read. */
  private volatile T[] inUse;

  /**
   * While the service files are read: what is registered meanwhile, added after them. Guarded by
   * {@link #lock}.
   */
  private List<T> registeredWhileLoading;

  /**
   * A list of {@code service}'s providers.
   *
   * @param service the service, which the module must declare it {@code uses}
   * @param none an empty array of it
   */
  public Providers(Class<T> service, T[] none) {
    this.service = service;
    this.none = none;
  }

  /**
   * The providers in use, the service files read first if they have not been. The caller must not
   * change the array.
   *
   * @return the providers, perhaps none
   */
  public T[] current() {
    T[] in = inUse;
    return in != null ? in : loaded();
  }

  /**
   * Adds {@code provider} unless one equal to it is in use already.
   *
   * @param provider the provider to add
   * @return whether it was added
   */
  public boolean register(T provider) {
    synchronized (lock) {
      if (registeredWhileLoading != null) {
        if (registeredWhileLoading.contains(provider)) {
          return false;
        }
        return registeredWhileLoading.add(provider);
      }
      T[] in = loaded();
      if (indexOf(in, provider) >= 0) {
        return false;
      }
      T[] grown = Arrays.copyOf(in, in.length + 1);
      grown[in.length] = provider;
      inUse = grown;
      return true;
    }
  }

  /**
   * Removes {@code provider}, or the one equal to it.
   *
   * @param provider the provider to remove
   * @return whether it was in use
   */
  public boolean unregister(T provider) {
    synchronized (lock) {
      if (registeredWhileLoading != null) {
        return registeredWhileLoading.remove(provider);
      }
      T[] in = loaded();
      int index = indexOf(in, provider);
      if (index < 0) {
        return false;
      }
      List<T> kept = new ArrayList<>(Arrays.asList(in));
      kept.remove(index);
      inUse = kept.isEmpty() ? none : kept.toArray(none);
      return true;
    }
  }

  /**
   * The providers in use, in order.
   *
   * @return a copy
   */
  public List<T> list() {
    return List.of(current());
  }

  private int indexOf(T[] in, T provider) {
    for (int i = 0; i < in.length; i++) {
      if (in[i].equals(provider)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Reads the service files unless they were read. A provider that cannot be loaded is left out,
   * and said so on the {@code System.Logger} named after the service: one broken jar must not fail
   * every call. A provider that cannot be linked because a class it needs is absent is left out
   * quietly ({@code DEBUG}): its library is not there, which is what an optional integration on the
   * class path means (a starter that brings the integrations, the application the libraries it
   * uses). Any other failure, a class that is there but failed, is a {@code WARNING}.
   */
  private T[] loaded() {
    synchronized (lock) {
      T[] in = inUse;
      if (in != null) {
        return in;
      }
      if (registeredWhileLoading != null) {
        return none; // a provider's constructor made a call: nothing is in use yet
      }
      registeredWhileLoading = new ArrayList<>();
      try {
        in = load();
      } finally {
        registeredWhileLoading = null;
      }
      inUse = in;
      return in;
    }
  }

  /** The providers {@link ServiceLoader} finds, then those registered while it ran. */
  private T[] load() {
    List<T> found = new ArrayList<>();
    Iterator<T> providers = ServiceLoader.load(service).iterator();
    while (true) {
      try {
        if (!providers.hasNext()) {
          break;
        }
        T provider = providers.next();
        if (!found.contains(provider)) {
          found.add(provider);
        }
      } catch (ServiceConfigurationError | NoClassDefFoundError broken) {
        // A provider class whose superclass is absent fails its loading with the bare error.
        leftOut(broken);
      }
    }
    for (T early : registeredWhileLoading) {
      if (!found.contains(early)) {
        found.add(early);
      }
    }
    return found.toArray(none);
  }

  private void leftOut(Throwable broken) {
    System.Logger logger = System.getLogger(service.getName());
    String absent = absentClass(broken);
    if (absent != null) {
      logger.log(
          System.Logger.Level.DEBUG,
          () ->
              "a "
                  + service.getSimpleName()
                  + " is left out: it needs "
                  + absent
                  + ", which is not there (its library is not on the class path)",
          broken);
    } else {
      logger.log(
          System.Logger.Level.WARNING,
          "a " + service.getSimpleName() + " could not be loaded and is left out",
          broken);
    }
  }

  /**
   * The class whose absence {@code failure} reports, or null when it reports something else. A
   * {@link NoClassDefFoundError} says a class could not be found, unless it says that a class that
   * is there could not be initialised ("Could not initialize class", after its static initialiser
   * failed): that class's library is there and broken.
   */
  static String absentClass(Throwable failure) {
    int depth = 0;
    for (Throwable at = failure; at != null && depth < 16; at = at.getCause(), depth++) {
      if (at instanceof NoClassDefFoundError absent) {
        String message = absent.getMessage();
        if (message == null
            || message.startsWith("Could not initialize class")
            || absent.getCause() instanceof ExceptionInInitializerError) {
          return null;
        }
        return message.replace('/', '.');
      }
    }
    return null;
  }

  /**
   * Hands {@code failure}, what a provider threw, to the current thread's uncaught-exception
   * handler, as the failure of a task an executor runs would be; a handler that throws in turn is
   * ignored, so that the runtime's own bookkeeping after it still happens.
   *
   * @param failure what a provider threw
   */
  public static void report(Throwable failure) {
    try {
      Thread thread = Thread.currentThread();
      thread.getUncaughtExceptionHandler().uncaughtException(thread, failure);
    } catch (Throwable ignored) {
      // The handler's own failure has nowhere better to go.
    }
  }
}
