package dev.asyncdsl.examples;

import dev.asyncdsl.Async;

/**
 * The functions of the post's first two programs, written as plain blocking Java.
 *
 * <p>{@code async def func1(a)} becomes an ordinary static method marked {@code @Async}; the
 * processor generates {@code SeedFunctionsAsync.func1(int)}, which runs it on its own thread (a
 * virtual thread on JDK 21+) and returns a {@code CompletableFuture<Integer>}. The sync version of
 * the post calls the very same methods directly.
 */
public final class SeedFunctions {
  /** How long the long-running call takes: the post's {@code asyncio.sleep(1)}. */
  static final long SLEEP_MILLIS = 1000;

  private SeedFunctions() {}

  /**
   * The post's {@code async_sleep()} / {@code sync_sleep()}: a long-running call, say some IO. In
   * Java both are the same blocking call; the twin is what runs it on a thread of its own.
   */
  static void syncSleep() throws InterruptedException {
    Thread.sleep(SLEEP_MILLIS);
  }

  @Async
  public static int func1(int a) throws InterruptedException {
    System.out.println("started func 1: " + (a + 1));
    syncSleep();
    return a + 1;
  }

  @Async
  public static int func2(int a) throws InterruptedException {
    System.out.println("started func 2: " + (a + 2));
    syncSleep();
    return a + 2;
  }

  @Async
  public static int func3(int a) throws InterruptedException {
    System.out.println("started func 3: " + (a + 3));
    syncSleep();
    return a + 3;
  }

  @Async
  public static int func4(int a) throws InterruptedException {
    System.out.println("started func 4: " + (a + 4));
    syncSleep();
    return a + 4;
  }
}
