package dev.asyncdsl.internal.timer;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the deadline timer's decisions are carried out: failing a call that timed out (which runs
 * its dependents, user code), then stopping its method ({@link TimedOut}); running a {@code
 * Tasks.waitFor} timeout or a retry's backoff. The timer only decides that a deadline has passed
 * and hands the entry here, so no user code and no O(n) work ever runs on a timer thread (a slow
 * task on a timer thread would make every other deadline late, as netty's {@code HashedWheelTimer}
 * warns).
 *
 * <p>A few daemon threads ({@code asyncdsl-completer-N}) take the tasks in order. A dependent may
 * block, even for good: whenever a task waits while every completer has been busy with one task for
 * more than {@link #STUCK_NANOS}, another completer starts, so one blocked callback delays the
 * others by at most that. The timers check this at least that often while tasks wait (see {@link
 * #ensureProgress}). Idle completers retire after {@link #KEEP_ALIVE_NANOS}.
 *
 * <p>Stopping a timed-out method waits while failings are queued or another deadline is less than
 * {@link #QUIET_NANOS} away, for at most {@link #MAX_STOP_DELAY_NANOS} after its own deadline:
 * every interrupted method wakes up and takes a CPU that the failing of the next calls needs to be
 * on time.
 */
public final class Completions {
  /** A completer busy with one task for longer than this is treated as stuck. */
  static final long STUCK_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

  /** Interrupts wait while another deadline is this close... */
  private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

  /** ...but a timed-out method is interrupted at most this long after its deadline. */
  public static final long MAX_STOP_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private static final long KEEP_ALIVE_NANOS = TimeUnit.SECONDS.toNanos(10);

  /**
   * Due deadlines, to fail now. A plain locked queue: with a {@code LinkedTransferQueue} here, a
   * completer's 2 ms timed {@code poll} was seen on JDK 17 to stay blocked for seconds, holding
   * back a timed-out method's interrupt (reproduced in a loop of 20 ms timeouts).
   */
  private static final LinkedBlockingQueue<Runnable> FAILING = new LinkedBlockingQueue<>();

  /** Timed-out calls whose methods are still to stop, in deadline order. */
  private static final ConcurrentLinkedQueue<TimedOut> STOPPING = new ConcurrentLinkedQueue<>();

  private static final AtomicInteger NAMES = new AtomicInteger();

  private static final Object LOCK = new Object();

  /** The live completers; replaced as a whole under {@link #LOCK}. */
  private static volatile Completer[] completers = new Completer[0];

  private Completions() {}

  /**
   * Something that has just timed out and whose work is still to stop: a call, whose stopping
   * interrupts its method and wakes it, so it may wait a little ({@link #stopLater}).
   */
  public interface TimedOut {
    /**
     * When it timed out.
     *
     * @return the {@link System#nanoTime()} of its deadline
     */
    long deadlineNanos();

    /** Stops its work: on a completer, never throwing at it on purpose. */
    void stopTimedOut();
  }

  /** Runs {@code task} on a completer, soon; never on the caller's thread, never blocking it. */
  static void submit(Runnable task) {
    FAILING.offer(task); // wakes a completer waiting for it
    ensureProgress();
  }

  /**
   * Stops the work of {@code call}, which has just timed out, once no failing is queued.
   *
   * @param call what to stop
   */
  public static void stopLater(TimedOut call) {
    STOPPING.offer(call);
  }

  /**
   * Starts a completer if tasks wait and none is free to take them (there is none, or each has been
   * on its current task longer than {@link #STUCK_NANOS}). Returns whether tasks still wait, so the
   * caller looks again within that time.
   */
  static boolean ensureProgress() {
    if (FAILING.isEmpty() && STOPPING.isEmpty()) {
      return false;
    }
    long now = System.nanoTime();
    if (anyFree(completers, now)) {
      return true; // it will get there
    }
    synchronized (LOCK) {
      Completer[] current = completers;
      if (anyFree(current, now)) {
        return true; // started by someone else meanwhile
      }
      Completer fresh = new Completer();
      Completer[] grown = java.util.Arrays.copyOf(current, current.length + 1);
      grown[current.length] = fresh;
      completers = grown;
      fresh.thread.start();
    }
    return true;
  }

  /** Whether one of {@code completers} is idle, or has been on its task for less than stuck. */
  private static boolean anyFree(Completer[] completers, long now) {
    for (Completer completer : completers) {
      long since = completer.busySince;
      if (since == 0 || now - since < STUCK_NANOS) {
        return true;
      }
    }
    return false;
  }

  private static void retire(Completer completer) {
    synchronized (LOCK) {
      Completer[] current = completers;
      Completer[] kept = new Completer[current.length - 1];
      int i = 0;
      for (Completer c : current) {
        if (c != completer) {
          kept[i++] = c;
        }
      }
      completers = kept;
    }
  }

  private static final class Completer implements Runnable {
    final Thread thread =
        RuntimeThreads.newThread(this, "asyncdsl-completer-" + NAMES.incrementAndGet());

    /** {@link System#nanoTime()} when the current task began (never 0 then), or 0 when idle. */
    volatile long busySince = System.nanoTime() | 1;

    @Override
    public void run() {
      try {
        while (true) {
          Runnable task = FAILING.poll();
          if (task != null) {
            runTask(task);
            continue;
          }
          TimedOut first = STOPPING.peek();
          long wait = KEEP_ALIVE_NANOS;
          if (first != null) {
            long overdueIn = MAX_STOP_DELAY_NANOS - (System.nanoTime() - first.deadlineNanos());
            if (overdueIn <= 0 || !Deadlines.dueWithin(QUIET_NANOS)) {
              TimedOut toStop = STOPPING.poll();
              if (toStop != null) {
                runStop(toStop);
              }
              continue;
            }
            wait = Math.min(overdueIn, QUIET_NANOS); // then look again
          }
          busySince = 0;
          task = FAILING.poll(wait, TimeUnit.NANOSECONDS);
          busySince = System.nanoTime() | 1;
          if (task != null) {
            runTask(task);
          } else if (wait == KEEP_ALIVE_NANOS && STOPPING.isEmpty()) {
            retire(this);
            // A task offered while it retired must not be left without a completer.
            ensureProgress();
            return;
          }
        }
      } catch (InterruptedException unexpected) {
        // Nothing interrupts a completer on purpose; retire and let another one take over.
        retire(this);
        ensureProgress();
      }
    }

    private void runTask(Runnable task) {
      busySince = System.nanoTime() | 1;
      try {
        task.run();
      } catch (Throwable failure) {
        report(failure);
      }
      // A dependent may have interrupted this thread; the next task must not see it.
      Thread.interrupted();
      stopOverdue();
    }

    /** Stops the methods whose interrupts have waited {@link #MAX_STOP_DELAY_NANOS}. */
    private void stopOverdue() {
      TimedOut first;
      while ((first = STOPPING.peek()) != null
          && System.nanoTime() - first.deadlineNanos() >= MAX_STOP_DELAY_NANOS) {
        TimedOut toStop = STOPPING.poll();
        if (toStop != null) {
          runStop(toStop);
        }
      }
    }

    private void runStop(TimedOut call) {
      busySince = System.nanoTime() | 1;
      try {
        call.stopTimedOut();
      } catch (Throwable failure) {
        report(failure);
      }
      Thread.interrupted();
    }

    private void report(Throwable failure) {
      thread.getUncaughtExceptionHandler().uncaughtException(thread, failure);
    }
  }
}
