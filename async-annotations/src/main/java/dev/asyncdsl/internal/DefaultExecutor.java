package dev.asyncdsl.internal;

import dev.asyncdsl.internal.timer.RuntimeThreads;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor twins use unless given one: a new virtual thread per call on JDK 21+, and on JDK 17
 * a cached pool of daemon platform threads.
 *
 * <p>The library is compiled for Java 17, so {@code Thread.startVirtualThread} is looked up once at
 * class initialisation rather than linked by name.
 */
public final class DefaultExecutor {
  /**
   * {@code Thread.startVirtualThread(Runnable)}, or null before Java 21. Static final, so it
   * inlines.
   */
  private static final MethodHandle START_VIRTUAL_THREAD = findStartVirtualThread();

  private static final Executor INSTANCE =
      START_VIRTUAL_THREAD != null ? new VirtualThreadPerCall() : newPlatformFallback();

  private DefaultExecutor() {}

  /**
   * The shared default executor.
   *
   * @return the executor
   */
  public static Executor get() {
    return INSTANCE;
  }

  /**
   * Whether {@link #get()} starts virtual threads.
   *
   * @return true on JDK 21 and later
   */
  public static boolean usesVirtualThreads() {
    return INSTANCE instanceof VirtualThreadPerCall;
  }

  /**
   * Whether {@code executor} runs each call on a thread of its own that runs nothing else (see
   * {@link CallScope}).
   */
  static boolean startsOwnThread(Executor executor) {
    return executor == INSTANCE && START_VIRTUAL_THREAD != null;
  }

  private static MethodHandle findStartVirtualThread() {
    try {
      return MethodHandles.publicLookup()
          .findStatic(
              Thread.class,
              "startVirtualThread",
              MethodType.methodType(Thread.class, Runnable.class));
    } catch (NoSuchMethodException | IllegalAccessException beforeJava21) {
      return null;
    }
  }

  /**
   * Blocking calls hold their thread while they wait, so the pool has no upper bound: a bounded one
   * would queue the ten-thousandth call behind the first. Idle threads die after a few seconds. The
   * threads carry nothing of the caller that happened to start them ({@link RuntimeThreads}).
   */
  private static Executor newPlatformFallback() {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory factory =
        task -> RuntimeThreads.newThread(task, "asyncdsl-" + count.incrementAndGet());
    return new ThreadPoolExecutor(
        0, Integer.MAX_VALUE, 5, TimeUnit.SECONDS, new SynchronousQueue<>(), factory);
  }

  private static final class VirtualThreadPerCall implements Executor {
    @Override
    public void execute(Runnable command) {
      try {
        Thread unused = (Thread) START_VIRTUAL_THREAD.invokeExact(command);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable impossible) {
        throw new IllegalStateException(impossible);
      }
    }

    @Override
    public String toString() {
      return "virtual thread per call";
    }
  }
}
