package dev.asyncdsl.internal.timer;

/**
 * The threads the runtime starts for itself: the deadline timers, the completers and the JDK 17
 * fallback pool.
 *
 * <p>A {@code new Thread(...)} copies a lot from whichever thread happens to create it: its
 * inheritable thread-locals, its context class loader, its thread group, priority and daemon
 * status. The runtime's threads are created by the first user thread that needs one (a request
 * thread of a web application, a thread with a security context in an inheritable thread-local) and
 * then live for the life of the JVM, serving every later caller, so they must not carry any of it:
 * no inheritable thread-locals, the runtime's own class loader, the top thread group, normal
 * priority, daemon.
 */
public final class RuntimeThreads {
  private static final ThreadGroup TOP = topGroup();

  private RuntimeThreads() {}

  /**
   * A daemon thread of the runtime's own, carrying nothing of the calling thread.
   *
   * @param task what it runs
   * @param name its name, {@code asyncdsl-...}
   * @return the thread, not started
   */
  public static Thread newThread(Runnable task, String name) {
    Thread thread = new Thread(TOP, task, name, 0, false);
    thread.setDaemon(true);
    thread.setPriority(Thread.NORM_PRIORITY);
    thread.setContextClassLoader(RuntimeThreads.class.getClassLoader());
    return thread;
  }

  private static ThreadGroup topGroup() {
    ThreadGroup group = Thread.currentThread().getThreadGroup();
    while (group.getParent() != null) {
      group = group.getParent();
    }
    return group;
  }
}
