package dev.asyncdsl.benchmarks;

import dev.asyncdsl.AsyncRuntime;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The executors the per-call benchmarks compare on, by their {@code @Param} name: {@code virtual}
 * ({@link AsyncRuntime#defaultExecutor()}, a virtual thread per call, JDK 21+), {@code fixed4}
 * ({@code Executors.newFixedThreadPool(4)}, made for the benchmark and shut down after it) and
 * {@code inline} ({@code Runnable::run}).
 */
final class BenchExecutors {
  private BenchExecutors() {}

  /** The executor named {@code name}; a pool is new, for {@link #release}. */
  static Executor of(String name) {
    switch (name) {
      case "virtual":
        if (!AsyncRuntime.usesVirtualThreads()) {
          throw new IllegalStateException("virtual threads need JDK 21 or later");
        }
        return AsyncRuntime.defaultExecutor();
      case "fixed4":
        return Executors.newFixedThreadPool(4);
      case "inline":
        return Runnable::run;
      default:
        throw new IllegalArgumentException(name);
    }
  }

  /** Shuts down what {@link #of} made for the benchmark; the shared default executor stays. */
  static void release(Executor executor) {
    if (executor instanceof ExecutorService pool && executor != AsyncRuntime.defaultExecutor()) {
      pool.shutdownNow();
    }
  }
}
