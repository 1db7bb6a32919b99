package dev.asyncdsl.benchmarks;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;

/** JDK 21+ thread APIs, looked up at run time: this module compiles for Java 17. */
final class VirtualThreads {
  private VirtualThreads() {}

  private static final MethodHandle START =
      find(
          "java.lang.Thread",
          "startVirtualThread",
          MethodType.methodType(Thread.class, Runnable.class));
  private static final MethodHandle PER_TASK =
      find(
          "java.util.concurrent.Executors",
          "newVirtualThreadPerTaskExecutor",
          MethodType.methodType(ExecutorService.class));

  private static MethodHandle find(String owner, String name, MethodType type) {
    try {
      return MethodHandles.publicLookup().findStatic(Class.forName(owner), name, type);
    } catch (ReflectiveOperationException beforeJava21) {
      return null;
    }
  }

  static void start(Runnable task) {
    if (START == null) {
      throw new UnsupportedOperationException("virtual threads need JDK 21 or later");
    }
    try {
      Thread unused = (Thread) START.invokeExact(task);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  static ExecutorService perTaskExecutor() {
    if (PER_TASK == null) {
      throw new UnsupportedOperationException("virtual threads need JDK 21 or later");
    }
    try {
      return (ExecutorService) PER_TASK.invokeExact();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
