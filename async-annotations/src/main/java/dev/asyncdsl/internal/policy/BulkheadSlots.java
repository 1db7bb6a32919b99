package dev.asyncdsl.internal.policy;

import dev.asyncdsl.Bulkhead;
import dev.asyncdsl.BulkheadFullException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * The slots of one {@link Bulkhead}: how many attempts of the method hold a slot, and the attempts
 * waiting for one, first come first served. It knows them as {@link Waiter}s, nothing of calls. How
 * long an attempt holds its slot is its own business (the policy package's {@code Attempt}); it
 * calls {@link #free} once.
 *
 * <p>While nobody waits, taking and freeing a slot is one compare-and-set on {@link #running}.
 * Waiting and handing a freed slot to a waiting attempt take the monitor. A slot freed while an
 * attempt is being queued is not lost: the freer decrements {@code running} and then reads {@code
 * waitingCount}, the queuer increments {@code waitingCount} and then (in {@link #drain}) reads
 * {@code running}, so at least one of them sees the other and hands the slot on.
 *
 * <p>Handing slots on is a loop, never a recursion: an executor that runs a task on the thread that
 * hands it over ({@code Runnable::run}, a pool's {@code CallerRunsPolicy}) runs the waiting attempt
 * inside the drain, and its end frees the slot again on the same thread. That inner drain leaves
 * the slot to the loop further up the stack, which goes round once more, so a queue of any length
 * drains at a constant depth.
 */
public final class BulkheadSlots {
  /**
   * What waits for a slot, as the bulkhead sees it: an attempt of the method, which implements this
   * itself, so queueing allocates nothing.
   */
  interface Waiter {
    /** A slot is this one's now. */
    void grant();

    /**
     * Runs it, holding its slot, on {@code executor}; false if the executor refused it (it failed
     * with that), the slot no longer held: the caller gives it on.
     */
    boolean launch(Executor executor);

    /** Whether its outcome has been claimed: it is over, or about to be, and wants no slot. */
    boolean isClaimed();

    /** Fails it without running: the bulkhead is full. */
    void refuse(Throwable failure);

    /** Whether it waits in the queue; read and written under the bulkhead's monitor. */
    boolean isQueued();

    /** Sets {@link #isQueued()}; under the bulkhead's monitor. */
    void setQueued(boolean queued);

    /** It has been queued: told after the bulkhead's lock, for the listeners. */
    void queued();

    /**
     * Keeps {@code executor} (or drops it, for null) while it waits: where it runs once granted.
     */
    void setExecutor(Executor executor);

    /** What {@link #setExecutor} kept. */
    Executor executor();
  }

  private static final VarHandle RUNNING;

  static {
    try {
      RUNNING = MethodHandles.lookup().findVarHandle(BulkheadSlots.class, "running", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final String method;
  private final int slots;
  private final int queueLength;

  /** The slots taken. */
  @SuppressWarnings("unused") // accessed through RUNNING
  private volatile int running;

  /** {@code waiting.size()}, readable without the monitor. */
  private volatile int waitingCount;

  /** Guarded by this. */
  private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();

  /** The bulkheads whose queue this thread drains now, innermost first; see {@link #drain}. */
  private static final ThreadLocal<Draining> DRAINING = new ThreadLocal<>();

  private record Draining(BulkheadSlots slots, Draining outer) {}

  /**
   * Slots, all free.
   *
   * @param method the method, for {@link BulkheadFullException}'s message
   * @param slots how many attempts may hold a slot at once
   * @param queueLength how many may wait for one
   */
  public BulkheadSlots(String method, int slots, int queueLength) {
    this.method = method;
    this.slots = slots;
    this.queueLength = queueLength;
  }

  /** Slots of the same settings, all free: for a twin with state of its own. */
  BulkheadSlots fresh() {
    return new BulkheadSlots(method, slots, queueLength);
  }

  /**
   * Runs {@code call} (begun: adopted, deadline armed) on {@code executor} if a slot is free,
   * queues it if a place in the queue is, else fails it at once with a {@link
   * BulkheadFullException}.
   */
  void enter(Waiter call, Executor executor) {
    if (waitingCount == 0) {
      for (int taken = running; taken < slots; taken = running) {
        if (RUNNING.compareAndSet(this, taken, taken + 1)) {
          call.grant();
          if (!call.launch(executor)) {
            free();
          }
          return;
        }
      }
    }
    int runningNow;
    int waitingNow;
    synchronized (this) {
      if (waiting.size() < queueLength) {
        call.setExecutor(executor);
        call.setQueued(true);
        waiting.addLast(call);
        waitingCount = waiting.size();
        runningNow = -1;
        waitingNow = -1;
      } else {
        runningNow = running;
        waitingNow = waiting.size();
      }
    }
    if (runningNow == -1) {
      call.queued();
      // Claimed while it was being queued (`queued` was not yet set for the claim to see): it
      // gives its place back. The claim sets its flag, then reads `queued`; this sets `queued`,
      // then reads the flag: one of the two sees the other.
      if (call.isClaimed()) {
        leaveQueue(call);
      }
      drain(); // a slot may have been freed while this one was being queued
    } else {
      call.refuse(new BulkheadFullException(method, runningNow, waitingNow));
    }
  }

  /** A waiting attempt is over (timed out, cancelled): it gives its place back. */
  void leaveQueue(Waiter call) {
    synchronized (this) {
      if (call.isQueued()) {
        call.setQueued(false);
        waiting.remove(call);
        waitingCount = waiting.size();
      }
    }
  }

  /** An attempt is done with its slot. */
  void free() {
    RUNNING.getAndAdd(this, -1);
    if (waitingCount > 0) {
      drain();
    }
  }

  /**
   * Hands free slots to the first waiting attempts still wanted, unless this thread does that
   * already further up its stack: then that loop goes round again and finds the slot.
   */
  private void drain() {
    Draining outer = DRAINING.get();
    for (Draining d = outer; d != null; d = d.outer()) {
      if (d.slots() == this) {
        return;
      }
    }
    DRAINING.set(new Draining(this, outer));
    try {
      handOut();
    } finally {
      if (outer == null) {
        DRAINING.remove();
      } else {
        DRAINING.set(outer);
      }
    }
  }

  private void handOut() {
    while (true) {
      Waiter next = null;
      synchronized (this) {
        while (next == null) {
          Waiter head = waiting.peekFirst();
          if (head == null) {
            return;
          }
          if (head.isClaimed()) {
            waiting.pollFirst();
            head.setQueued(false);
            waitingCount = waiting.size();
            continue;
          }
          int taken = running;
          if (taken >= slots) {
            return;
          }
          if (RUNNING.compareAndSet(this, taken, taken + 1)) {
            waiting.pollFirst();
            head.setQueued(false);
            waitingCount = waiting.size();
            next = head;
          }
        }
      }
      Executor executor = next.executor();
      next.setExecutor(null);
      next.grant();
      try {
        if (!next.launch(executor)) {
          RUNNING.getAndAdd(this, -1); // refused: the slot goes to the next one
        }
      } catch (Throwable escaped) {
        // An inline executor ran the attempt and then threw: the attempt is over and its slot
        // free; what escaped is nobody's here but the thread's, as for a pool's worker.
        Thread thread = Thread.currentThread();
        thread.getUncaughtExceptionHandler().uncaughtException(thread, escaped);
      }
    }
  }

  /**
   * How many attempts hold a slot now.
   *
   * @return the slots taken
   */
  public int running() {
    return running;
  }

  /**
   * How many attempts wait for a slot now.
   *
   * @return the queue's length
   */
  public int waiting() {
    return waitingCount;
  }
}
