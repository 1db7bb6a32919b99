package dev.asyncdsl.examples;

import dev.asyncdsl.Tasks;

/**
 * The post's first program, "Basic async function in Python":
 *
 * <pre>
 * async def func1(a):
 *     print("started func 1: {}", a + 1)
 *     await asyncio.sleep(1)
 *     return a + 1
 *
 * asyncio.run(func1(1))
 * </pre>
 *
 * <p>Response: {@code started func 1: 2}, then {@code 2}.
 */
public final class BasicAsyncFunction {
  private BasicAsyncFunction() {}

  public static void main(String[] args) throws Exception {
    run();
  }

  /** Runs {@code func1(1)} through its twin, prints the result and returns it. */
  public static int run() throws Exception {
    // asyncio.run(func1(1)): start the call, wait for its result.
    int result = Tasks.await(SeedFunctionsAsync.func1(1));
    System.out.println(result);
    return result;
  }
}
