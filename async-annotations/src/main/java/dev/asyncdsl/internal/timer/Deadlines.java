package dev.asyncdsl.internal.timer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The timer: it decides that a deadline has passed and hands the {@link Entry} over to a completer
 * ({@link Completions}), which runs it; so no user code ever runs on a timer thread. It knows
 * nothing of calls: a call's deadline is an {@code Entry} the call package makes ({@code
 * dev.asyncdsl.internal.CallDeadline}), and what that entry does when it runs is its own business.
 * Also the delayed actions of retries' backoff and {@code Tasks.waitFor} ({@link #schedule}).
 */
public final class Deadlines {
  /** The longest delay {@link #schedule} holds; longer ones are as good as never. */
  private static final long LONGEST_NANOS = Long.MAX_VALUE >> 1;

  private Deadlines() {}

  /**
   * Arms {@code entry}: at its deadline a completer runs it, unless {@link Entry#disarm()} came
   * first.
   *
   * @param entry the entry to arm, once
   */
  public static void arm(Entry entry) {
    Timer.of(entry).add(entry);
  }

  /**
   * Runs {@code action} on a completer (never on the timer thread) once {@code delayNanos} have
   * passed, unless cancelled.
   */
  public static Future<?> schedule(Runnable action, long delayNanos) {
    DelayedAction entry =
        new DelayedAction(
            action, System.nanoTime() + Math.min(Math.max(0, delayNanos), LONGEST_NANOS));
    Timer.of(entry).add(entry);
    return entry;
  }

  /**
   * Whether a deadline of any shard falls within {@code nanos} from now (or has passed and waits
   * for its shard's next round): then the interrupts of methods already timed out can wait.
   */
  static boolean dueWithin(long nanos) {
    long horizon = System.nanoTime() + nanos;
    for (Timer shard : Timer.SHARDS) {
      if (shard.hasNext && shard.nextDeadline - horizon <= 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * How many deadlines the timer holds: those of calls still running, no others. Waits for the
   * timer to take in what was armed and disarmed before the call (it does that lazily, in batches).
   * For tests.
   */
  public static int pendingTimers() {
    int size = 0;
    for (Timer shard : Timer.SHARDS) {
      size += shard.settledSize();
    }
    return size;
  }

  /**
   * An armed deadline. The entry moves {@code PENDING -> QUEUED -> FIRED}; one that is disarmed
   * first (the call completed) moves to {@code DISARMED} from either of the first two. A subclass
   * says what happens at the deadline ({@link #run}) and what it lets go of once disarmed ({@link
   * #release}).
   */
  public abstract static class Entry implements Runnable {
    private static final int PENDING = 0;
    private static final int QUEUED = 1;
    private static final int DISARMED = 2;
    private static final int FIRED = 3;

    private static final VarHandle STATE;

    static {
      try {
        STATE = MethodHandles.lookup().findVarHandle(Entry.class, "state", int.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    final long deadline;

    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state;

    /** The next entry in the stack this one was pushed on (arrivals, then disarmed ones). */
    Entry next;

    /** This entry's depth in that stack, so every {@link Timer#BATCH}th push wakes the timer. */
    int depth;

    /** Where the entry sits in the timer's heap, or -1. Timer thread only. */
    int index = -1;

    /**
     * An entry for {@code deadline}, a {@link System#nanoTime()}.
     *
     * @param deadline when the entry is due
     */
    protected Entry(long deadline) {
      this.deadline = deadline;
    }

    /**
     * Acts on the deadline, on a completer: the timer has decided it passed.
     *
     * <p>For override by each kind of entry: what the deadline does.
     */
    @Override
    public abstract void run();

    /**
     * Drops what the entry refers to, once it is disarmed and can never fire.
     *
     * <p>For override by an entry that holds something; it must not block or throw.
     */
    protected void release() {}

    final boolean isDisarmed() {
      return (int) STATE.getVolatile(this) == DISARMED;
    }

    final boolean isFiredOrDisarmed() {
      return (int) STATE.getVolatile(this) >= DISARMED;
    }

    /**
     * The call completed first: the deadline goes. Cheap and lock-free; the timer drops the entry
     * from its heap at its next round, which comes at the latest after {@link Timer#BATCH} such
     * entries or {@link Timer#MAX_PARK_NANOS}.
     */
    public final boolean disarm() {
      while (true) {
        int current = (int) STATE.getVolatile(this);
        if (current == PENDING) {
          if (STATE.compareAndSet(this, PENDING, DISARMED)) {
            release();
            return true; // the timer skips it when it takes in arrivals
          }
        } else if (current == QUEUED) {
          if (STATE.compareAndSet(this, QUEUED, DISARMED)) {
            release();
            Timer.of(this).remove(this);
            return true;
          }
        } else {
          return false; // fired or disarmed already
        }
      }
    }
  }

  /** A delayed action ({@link #schedule}); as a {@link Future}, it can only be cancelled. */
  static final class DelayedAction extends Entry implements Future<Void> {
    private volatile Runnable action;

    DelayedAction(Runnable action, long deadline) {
      super(deadline);
      this.action = action;
    }

    @Override
    public void run() {
      Runnable due = action;
      action = null;
      if (due != null) {
        due.run();
      }
    }

    @Override
    protected void release() {
      action = null;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      return disarm();
    }

    @Override
    public boolean isCancelled() {
      return isDisarmed();
    }

    @Override
    public boolean isDone() {
      return isFiredOrDisarmed();
    }

    @Override
    public Void get() {
      throw new UnsupportedOperationException("a delayed action has no result");
    }

    @Override
    public Void get(long timeout, TimeUnit unit) {
      throw new UnsupportedOperationException("a delayed action has no result");
    }
  }

  /**
   * A shard of the deadline timer: one daemon platform thread ({@code asyncdsl-deadlines}, then
   * {@code asyncdsl-deadlines-2}...) with a binary heap of entries that only it touches. Other
   * threads never lock: they push arrivals and disarmed entries onto two lock-free stacks, which
   * the timer takes in whole at each round, and wake it only when a new deadline comes before its
   * planned wake-up (or every {@link #BATCH} pushes, or when it sleeps for good).
   *
   * <p>At a deadline the timer hands the entry to {@link Completions} and goes on: it never
   * completes a future itself, so nothing a user registered on one can hold it up.
   */
  public static final class Timer implements Runnable {
    /** Every this many pushes on either stack wake the timer, which bounds what they hold. */
    static final int BATCH = 1024;

    /** The longest the timer sleeps while it holds entries: disarmed ones go within this. */
    static final long MAX_PARK_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** {@link #sleepingUntil} while the timer runs. */
    private static final long AWAKE = Long.MIN_VALUE;

    /** {@link #sleepingUntil} while it sleeps with no deadline at all. */
    private static final long FOREVER = Long.MAX_VALUE;

    /**
     * The shards: one timer thread per CPU, up to four. A deadline's shard follows from the
     * deadline itself (which millisecond it falls in), so consecutive milliseconds alternate
     * between shards and a burst of deadlines is handled by all of them at once.
     */
    public static final Timer[] SHARDS = newShards(); // public for the runtime's own tests

    private static Timer[] newShards() {
      int cpus = Runtime.getRuntime().availableProcessors();
      int count = Integer.highestOneBit(Math.max(1, Math.min(4, cpus)));
      Timer[] shards = new Timer[count];
      for (int i = 0; i < count; i++) {
        shards[i] = new Timer(i == 0 ? "asyncdsl-deadlines" : "asyncdsl-deadlines-" + (i + 1));
      }
      return shards;
    }

    static Timer of(Entry entry) {
      return SHARDS[(int) (entry.deadline >>> 20) & (SHARDS.length - 1)];
    }

    private final AtomicReference<Entry> arrivals = new AtomicReference<>();
    private final AtomicReference<Entry> disarmed = new AtomicReference<>();
    private final Thread thread;

    /** When the timer plans to wake: {@link #AWAKE}, {@link #FOREVER} or a nano time. */
    private volatile long sleepingUntil = AWAKE;

    /** Rounds completed, and the heap size after the last one: for {@link #settledSize()}. */
    private volatile long rounds;

    private volatile int size;

    /** The earliest deadline in the heap after the last round, if {@link #hasNext}. */
    private volatile long nextDeadline;

    private volatile boolean hasNext;

    // Timer thread only.
    private Entry[] heap = new Entry[64];
    private int count;

    private Timer(String name) {
      thread = RuntimeThreads.newThread(this, name);
      thread.start();
    }

    void add(Entry entry) {
      int depth = push(arrivals, entry);
      long until = sleepingUntil;
      if (depth % BATCH == 0
          || until == FOREVER
          || (until != AWAKE && entry.deadline - until < 0)) {
        LockSupport.unpark(thread);
      }
    }

    void remove(Entry entry) {
      // A timer asleep for good would keep the entry (and the stack behind it) until the next
      // timed call of its shard, however long that takes.
      if (push(disarmed, entry) % BATCH == 0 || sleepingUntil == FOREVER) {
        LockSupport.unpark(thread);
      }
    }

    private static int push(AtomicReference<Entry> stack, Entry entry) {
      while (true) {
        Entry head = stack.get();
        entry.next = head;
        entry.depth = head == null ? 1 : head.depth + 1;
        if (stack.compareAndSet(head, entry)) {
          return entry.depth;
        }
      }
    }

    int settledSize() {
      long seen = rounds;
      // Two full rounds, so one of them started after this call.
      while (rounds - seen < 2) {
        LockSupport.unpark(thread);
        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
      }
      return size;
    }

    @Override
    public void run() {
      while (true) {
        try {
          round();
        } catch (Throwable unexpected) {
          // Only the runtime's own code runs here; should it fail, keep every other deadline.
          Thread.UncaughtExceptionHandler handler = thread.getUncaughtExceptionHandler();
          if (handler != null) {
            handler.uncaughtException(thread, unexpected);
          }
        }
      }
    }

    private void round() {
      boolean tookIn = takeArrivals() | takeDisarmed();
      handOverDue();
      rounds++; // single writer
      size = count;
      if (count > 0) {
        nextDeadline = heap[0].deadline;
        hasNext = true;
      } else {
        hasNext = false;
      }
      long now = System.nanoTime();
      long until;
      if (count > 0) {
        long first = heap[0].deadline;
        until = first - (now + MAX_PARK_NANOS) < 0 ? first : now + MAX_PARK_NANOS;
      } else {
        until = tookIn ? now + MAX_PARK_NANOS : FOREVER;
      }
      if (Completions.ensureProgress() && until - (now + Completions.STUCK_NANOS) > 0) {
        until = now + Completions.STUCK_NANOS; // look again whether a completer got stuck
      }
      sleepingUntil = until;
      // Whoever pushed before this write sees AWAKE and relies on this check.
      if (arrivals.get() == null && (until != FOREVER || disarmed.get() == null)) {
        if (until == FOREVER) {
          LockSupport.park(this);
        } else {
          long delay = until - System.nanoTime();
          if (delay > 0) {
            LockSupport.parkNanos(this, delay);
          }
        }
      }
      sleepingUntil = AWAKE;
      // Nothing interrupts the timer on purpose; a stray interrupt would turn park into a spin.
      Thread.interrupted();
    }

    private boolean takeArrivals() {
      Entry entry = arrivals.get() == null ? null : arrivals.getAndSet(null);
      boolean any = entry != null;
      while (entry != null) {
        Entry next = entry.next; // read first: once QUEUED, a disarm may push it elsewhere
        entry.next = null;
        if (Entry.STATE.compareAndSet(entry, Entry.PENDING, Entry.QUEUED)) {
          offer(entry);
        }
        entry = next;
      }
      return any;
    }

    private boolean takeDisarmed() {
      Entry entry = disarmed.get() == null ? null : disarmed.getAndSet(null);
      boolean any = entry != null;
      while (entry != null) {
        Entry next = entry.next;
        entry.next = null;
        if (entry.index >= 0) {
          removeAt(entry.index);
        }
        entry = next;
      }
      return any;
    }

    /** Hands every entry whose deadline has passed to a completer. */
    private void handOverDue() {
      long now = System.nanoTime();
      while (count > 0 && heap[0].deadline - now <= 0) {
        Entry entry = removeAt(0);
        if (Entry.STATE.compareAndSet(entry, Entry.QUEUED, Entry.FIRED)) {
          Completions.submit(entry);
        }
      }
    }

    // A binary min-heap on deadline; each entry knows its index, so a disarmed one leaves in
    // O(log n).

    private void offer(Entry entry) {
      if (count == heap.length) {
        heap = Arrays.copyOf(heap, count * 2);
      }
      siftUp(count++, entry);
    }

    private Entry removeAt(int index) {
      Entry removed = heap[index];
      removed.index = -1;
      Entry last = heap[--count];
      heap[count] = null;
      if (index < count) {
        siftDown(index, last);
        if (heap[index] == last) {
          siftUp(index, last);
        }
      }
      if (count == 0 && heap.length > 1024) {
        heap = new Entry[64]; // give back what a burst took
      }
      return removed;
    }

    private void siftUp(int index, Entry entry) {
      while (index > 0) {
        int parent = (index - 1) >>> 1;
        Entry above = heap[parent];
        if (entry.deadline - above.deadline >= 0) {
          break;
        }
        heap[index] = above;
        above.index = index;
        index = parent;
      }
      heap[index] = entry;
      entry.index = index;
    }

    private void siftDown(int index, Entry entry) {
      int half = count >>> 1;
      while (index < half) {
        int child = 2 * index + 1;
        Entry smaller = heap[child];
        int right = child + 1;
        if (right < count && heap[right].deadline - smaller.deadline < 0) {
          child = right;
          smaller = heap[child];
        }
        if (entry.deadline - smaller.deadline <= 0) {
          break;
        }
        heap[index] = smaller;
        smaller.index = index;
        index = child;
      }
      heap[index] = entry;
      entry.index = index;
    }
  }
}
