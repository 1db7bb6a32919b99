package dev.asyncdsl;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The slots of one {@link Bulkhead}: how many calls of the method run, and the calls waiting for
 * a slot, first come first served. A call holds its slot until its method has returned (for a
 * method returning a stage: until that has completed too), even when it timed out or was
 * cancelled before: until then its thread is busy.
 */
final class BulkheadSlots {
  private final String method;
  private final int slots;
  private final int queueLength;

  // Guarded by this.
  private int running;
  private final ArrayDeque<Permit> waiting = new ArrayDeque<>();

  BulkheadSlots(String method, int slots, int queueLength) {
    this.method = method;
    this.slots = slots;
    this.queueLength = queueLength;
  }

  /**
   * Runs {@code call} (begun: adopted, deadline armed) on {@code executor} if a slot is free,
   * queues it if a place in the queue is, else fails it with a {@link BulkheadFullException}.
   */
  void enter(AsyncCall<?> call, Executor executor, boolean relay) {
    Permit permit = new Permit(this, call, executor, relay);
    int runningNow;
    int waitingNow;
    synchronized (this) {
      if (running < slots) {
        running++;
        runningNow = -1;
        waitingNow = -1;
      } else if (waiting.size() < queueLength) {
        waiting.addLast(permit);
        runningNow = -2;
        waitingNow = -2;
      } else {
        runningNow = running;
        waitingNow = waiting.size();
      }
    }
    if (runningNow == -1) {
      if (!permit.launch()) {
        free();
      }
    } else if (runningNow == -2) {
      // A waiting call that times out or is cancelled gives its place back at once.
      call.whenComplete((value, failure) -> leaveQueue(permit));
    } else {
      call.refuse(new BulkheadFullException(method, runningNow, waitingNow));
    }
  }

  private void leaveQueue(Permit permit) {
    synchronized (this) {
      waiting.remove(permit);
    }
  }

  /** A slot is free again: the first waiting call still wanted takes it. */
  private void free() {
    while (true) {
      Permit next;
      synchronized (this) {
        next = waiting.pollFirst();
        while (next != null && next.call.isDone()) {
          next = waiting.pollFirst();
        }
        if (next == null) {
          running--;
          return;
        }
      }
      if (next.launch()) {
        return;
      }
      // The executor refused it (the call failed with that): the slot goes to the next one.
    }
  }

  synchronized int running() {
    return running;
  }

  synchronized int waiting() {
    return waiting.size();
  }

  int slots() {
    return slots;
  }

  int queueLength() {
    return queueLength;
  }

  /**
   * A call holding a slot: runs it, then frees the slot. A relay frees it only when both its
   * method has returned and its call has completed.
   *
   * <p>A call that ends on its own frees the slot just before it completes ({@link
   * AsyncCall#whenMethodEnds}): freed after, in {@code run}'s {@code finally} or a dependent of the
   * call, the slot would still be taken when the call's continuations run (dependents run last
   * registered first), and a caller's next call made from one would be rejected by the slot of the
   * call it follows. A call completed from outside (timed out, cancelled) keeps it until its
   * method has returned, as before: the counting in {@code holds} then frees it.
   */
  private static final class Permit implements Runnable {
    private final BulkheadSlots bulkhead;
    final AsyncCall<?> call;
    private final Executor executor;
    private final AtomicInteger holds;

    Permit(BulkheadSlots bulkhead, AsyncCall<?> call, Executor executor, boolean relay) {
      this.bulkhead = bulkhead;
      this.call = call;
      this.executor = executor;
      this.holds = new AtomicInteger(relay ? 2 : 1);
    }

    /** Hands the call to its executor; returns false, with the slot freed, if it refused. */
    boolean launch() {
      if (holds.get() == 2) {
        call.whenComplete((value, failure) -> release());
      }
      call.whenMethodEnds(this::releaseAll);
      if (call.execute(executor, this)) {
        return true;
      }
      holds.set(0);
      return false;
    }

    @Override
    public void run() {
      try {
        call.run();
      } finally {
        release();
      }
    }

    /** One of the holds is over; the last one frees the slot. */
    private void release() {
      while (true) {
        int current = holds.get();
        if (current == 0) {
          return; // freed already, by releaseAll
        }
        if (holds.compareAndSet(current, current - 1)) {
          if (current == 1) {
            bulkhead.free();
          }
          return;
        }
      }
    }

    /** The method has returned and the call is about to complete with its outcome. */
    private void releaseAll() {
      if (holds.getAndSet(0) != 0) {
        bulkhead.free();
      }
    }
  }
}
