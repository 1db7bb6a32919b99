package dev.asyncdsl.spring.boot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Where every twin bean runs its calls: it hands each call's work to the executor chosen
 * (asyncdsl's default, Boot's {@code applicationTaskExecutor} or a named one) and keeps count of
 * the work under way, so that the context's close ends it. Once stopped it refuses new work (the
 * call's future fails with a {@link RejectedExecutionException}); the work under way gets the grace
 * period, then its threads are interrupted, and the log says how many calls ended which way.
 *
 * <p>It stops after the web server (its phase is lower than the server's graceful shutdown), so
 * requests still being served can finish their calls.
 */
final class CallGate implements SmartLifecycle {
  /**
   * After the web server's graceful shutdown and its stop, which are a little below the default.
   */
  static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

  private static final Log log = LogFactory.getLog(CallGate.class);

  private final Executor delegate;
  private final Duration grace;

  /** The work accepted and not yet ended; guarded by itself. */
  private final Set<Work> underWay = new LinkedHashSet<>();

  private volatile boolean closed;
  private volatile boolean running;

  CallGate(Executor delegate, Duration grace) {
    this.delegate = delegate;
    this.grace = grace;
  }

  /**
   * The executor to hand twins. The gate itself is no {@link Executor} bean: Boot makes its {@code
   * applicationTaskExecutor} only when the context has no other.
   */
  Executor executor() {
    return this::execute;
  }

  private void execute(Runnable command) {
    if (closed) {
      throw refused();
    }
    Work work = new Work(command);
    synchronized (underWay) {
      if (closed) {
        throw refused();
      }
      underWay.add(work);
    }
    try {
      delegate.execute(work);
    } catch (RuntimeException | Error rejected) {
      work.end();
      throw rejected;
    }
  }

  private static RejectedExecutionException refused() {
    return new RejectedExecutionException("the application context is closing: no new calls");
  }

  /** How many calls' work is under way (accepted and not ended). */
  int underWay() {
    synchronized (underWay) {
      return underWay.size();
    }
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }

  /**
   * Refuses new calls, waits up to the grace period for those under way, then interrupts the ones
   * still running (and those that start later) and waits for them as long again.
   */
  @Override
  public void stop() {
    running = false;
    int atClose;
    synchronized (underWay) {
      closed = true;
      atClose = underWay.size();
    }
    if (atClose == 0) {
      return;
    }
    long deadline = System.nanoTime() + grace.toNanos();
    boolean endedInTime = awaitEnd(deadline);
    int interrupted = 0;
    int stillRunning = 0;
    if (!endedInTime) {
      List<Work> left;
      synchronized (underWay) {
        left = new ArrayList<>(underWay);
      }
      for (Work work : left) {
        work.cancel();
      }
      interrupted = left.size();
      awaitEnd(System.nanoTime() + grace.toNanos());
      stillRunning = underWay();
    }
    int finished = atClose - interrupted;
    String message =
        "asyncdsl: "
            + atClose
            + " call(s) under way at shutdown: "
            + finished
            + " finished within the grace period of "
            + grace
            + ", "
            + interrupted
            + " cancelled (interrupted)"
            + (stillRunning > 0 ? ", " + stillRunning + " still running after the interrupt" : "");
    if (interrupted > 0) {
      log.warn(message);
    } else {
      log.info(message);
    }
  }

  private boolean awaitEnd(long deadline) {
    synchronized (underWay) {
      while (!underWay.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(underWay, left);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return underWay.isEmpty();
        }
      }
      return true;
    }
  }

  /** One call's work: knows the thread that runs it, so that it can be interrupted. */
  private final class Work implements Runnable {
    private final Runnable command;
    private Thread runner; // guarded by this
    private boolean cancelled; // guarded by this
    private boolean ended; // guarded by this

    Work(Runnable command) {
      this.command = command;
    }

    @Override
    public void run() {
      synchronized (this) {
        runner = Thread.currentThread();
        if (cancelled) {
          // Started after the grace period: it runs interrupted, so that it ends at once.
          runner.interrupt();
        }
      }
      try {
        command.run();
      } finally {
        synchronized (this) {
          runner = null;
        }
        // The interrupt was for this work only, not for the pool's thread's next task.
        if (isCancelled()) {
          Thread.interrupted();
        }
        end();
      }
    }

    synchronized boolean isCancelled() {
      return cancelled;
    }

    synchronized void cancel() {
      cancelled = true;
      if (runner != null) {
        runner.interrupt();
      }
    }

    void end() {
      synchronized (this) {
        if (ended) {
          return;
        }
        ended = true;
      }
      synchronized (underWay) {
        underWay.remove(this);
        underWay.notifyAll();
      }
    }
  }
}
