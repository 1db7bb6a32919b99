package dev.asyncdsl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Deadlines of running calls, and the timer that enforces them.
 *
 * <p>While a call with a deadline runs, it is the thread's current call; a call started from there
 * inherits that deadline when it is earlier than its own. That is how deadlines nest, as with
 * asyncio's {@code timeout()} and Kotlin's {@code withTimeout}.
 */
final class Deadlines {
  /** No deadline. {@link System#nanoTime()} values are compared by difference, never to this. */
  static final long NONE = Long.MIN_VALUE;

  /** The longest timeout a deadline holds; longer ones are as good as none and would overflow. */
  private static final long LONGEST_NANOS = Long.MAX_VALUE >> 1;

  private static final ThreadLocal<AsyncCall<?>> CURRENT = new ThreadLocal<>();

  private Deadlines() {}

  /** The deadline of a call started now without a timeout of its own: its caller's, if any. */
  static long inherited() {
    AsyncCall<?> enclosing = CURRENT.get();
    return enclosing == null ? NONE : enclosing.deadline;
  }

  /**
   * The deadline of a call started now with {@code timeout}, inside whatever call the current
   * thread is running: the earlier of the two. A timeout of zero or less is already over.
   */
  static long within(long timeout, TimeUnit unit) {
    long inherited = inherited();
    long own = System.nanoTime() + Math.min(Math.max(0, unit.toNanos(timeout)), LONGEST_NANOS);
    if (inherited == NONE || own - inherited < 0) {
      return own;
    }
    return inherited;
  }

  /** The nanoseconds left before the current call's deadline, or {@code -1} if it has none. */
  static long remainingNanos() {
    AsyncCall<?> enclosing = CURRENT.get();
    if (enclosing == null) {
      return -1;
    }
    return Math.max(0, enclosing.deadline - System.nanoTime());
  }

  /** Makes {@code call} the thread's current call; returns the one to restore on exit. */
  static AsyncCall<?> enter(AsyncCall<?> call) {
    AsyncCall<?> outer = CURRENT.get();
    CURRENT.set(call);
    return outer;
  }

  static void exit(AsyncCall<?> outer) {
    if (outer == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(outer);
    }
  }

  /**
   * Arms the deadline of {@code call} (its {@link AsyncCall#deadline}, not {@link #NONE}): at that
   * time the timer thread fails the call with a timeout, unless {@link Entry#disarm()} came
   * first.
   */
  static Entry arm(AsyncCall<?> call) {
    Entry entry = new CallDeadline(call);
    Timer.of(entry).add(entry);
    return entry;
  }

  /** Runs {@code action} on the timer thread once {@code delayNanos} have passed, unless cancelled. */
  static Future<?> schedule(Runnable action, long delayNanos) {
    DelayedAction entry =
        new DelayedAction(action, System.nanoTime() + Math.min(Math.max(0, delayNanos), LONGEST_NANOS));
    Timer.of(entry).add(entry);
    return entry;
  }

  /**
   * How many deadlines the timer holds: those of calls still running, no others. Waits for the
   * timer to take in what was armed and disarmed before the call (it does that lazily, in
   * batches). For tests.
   */
  static int pendingTimers() {
    int size = 0;
    for (Timer shard : Timer.SHARDS) {
      size += shard.settledSize();
    }
    return size;
  }

  /**
   * An armed deadline. The entry moves {@code PENDING -> QUEUED -> FIRED}; one that is disarmed
   * first (the call completed) moves to {@code DISARMED} from either of the first two.
   */
  abstract static class Entry {
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

    Entry(long deadline) {
      this.deadline = deadline;
    }

    /** Acts on the deadline; returns a call whose method to stop next, or null. */
    abstract AsyncCall<?> fire();

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
    final boolean disarm() {
      while (true) {
        int current = (int) STATE.getVolatile(this);
        if (current == PENDING) {
          if (STATE.compareAndSet(this, PENDING, DISARMED)) {
            return true; // the timer skips it when it takes in arrivals
          }
        } else if (current == QUEUED) {
          if (STATE.compareAndSet(this, QUEUED, DISARMED)) {
            Timer.of(this).remove(this);
            return true;
          }
        } else {
          return false; // fired or disarmed already
        }
      }
    }
  }

  /** The deadline of a call: fails it with a timeout, then the timer stops its method. */
  static final class CallDeadline extends Entry {
    private final AsyncCall<?> call;

    CallDeadline(AsyncCall<?> call) {
      super(call.deadline);
      this.call = call;
    }

    @Override
    AsyncCall<?> fire() {
      return call.expireOnTime() ? call : null;
    }
  }

  /** A delayed action ({@link #schedule}); as a {@link Future}, it can only be cancelled. */
  static final class DelayedAction extends Entry implements Future<Void> {
    private final Runnable action;

    DelayedAction(Runnable action, long deadline) {
      super(deadline);
      this.action = action;
    }

    @Override
    AsyncCall<?> fire() {
      action.run();
      return null;
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
   * {@code asyncdsl-deadlines-2}...) with a binary heap of entries that only it touches. Other threads never lock: they push arrivals and disarmed
   * entries onto two lock-free stacks, which the timer takes in whole at each round, and wake it
   * only when a new deadline comes before its planned wake-up (or every {@link #BATCH} pushes).
   *
   * <p>When deadlines pass, the timer first fails every due call with its timeout, and only then
   * interrupts the methods, a few at a time, going back to fail newly due calls between them: the
   * future fails on time even while thousands of interrupted methods wake up. While more of its
   * deadlines are about to pass, it holds the interrupts back (up to {@link #MAX_STOP_DELAY_NANOS}),
   * since each interrupted method wakes up and takes a CPU the timer needs to be on time.
   */
  static final class Timer implements Runnable {
    /** Every this many pushes on either stack wake the timer, which bounds what they hold. */
    static final int BATCH = 1024;

    /** The longest the timer sleeps while it holds entries: disarmed ones go within this. */
    static final long MAX_PARK_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** How many methods the timer interrupts before it looks again for due deadlines. */
    private static final int STOPS_PER_ROUND = 16;

    /** Interrupts wait while another deadline of the shard is this close... */
    private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    /** ...but a timed-out method is interrupted at most this long after its deadline. */
    static final long MAX_STOP_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    /** {@link #sleepingUntil} while the timer runs. */
    private static final long AWAKE = Long.MIN_VALUE;

    /** {@link #sleepingUntil} while it sleeps with no deadline at all. */
    private static final long FOREVER = Long.MAX_VALUE;

    /**
     * The shards: one timer thread per CPU, up to four. A deadline's shard follows from the
     * deadline itself (which millisecond it falls in), so consecutive milliseconds alternate
     * between shards and a burst of deadlines is failed by all of them at once.
     */
    static final Timer[] SHARDS = newShards();

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

    // Timer thread only.
    private Entry[] heap = new Entry[64];
    private int count;
    private final ArrayDeque<AsyncCall<?>> toStop = new ArrayDeque<>();

    private Timer(String name) {
      thread = new Thread(this, name);
      thread.setDaemon(true);
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
      if (push(disarmed, entry) % BATCH == 0) {
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
          // A dependent or a relayed stage threw: report it and keep every other deadline.
          Thread.UncaughtExceptionHandler handler = thread.getUncaughtExceptionHandler();
          if (handler != null) {
            handler.uncaughtException(thread, unexpected);
          }
        }
      }
    }

    private void round() {
      boolean tookIn = takeArrivals() | takeDisarmed();
      failDueCalls();
      rounds++; // single writer
      size = count;
      long now = System.nanoTime();
      if (!toStop.isEmpty()
          && (!deadlineWithin(now, QUIET_NANOS)
              || now - toStop.peek().deadline >= MAX_STOP_DELAY_NANOS)) {
        for (int i = 0; i < STOPS_PER_ROUND && !toStop.isEmpty(); i++) {
          toStop.poll().stopWork(true);
        }
        return; // and look for due deadlines again before the next few
      }
      // Interrupts still held back are only ever held for a deadline at most QUIET_NANOS away,
      // which is when this sleep ends.
      long until;
      if (count > 0) {
        long first = heap[0].deadline;
        until = first - (now + MAX_PARK_NANOS) < 0 ? first : now + MAX_PARK_NANOS;
      } else {
        until = tookIn ? now + MAX_PARK_NANOS : FOREVER;
      }
      sleepingUntil = until;
      // Whoever pushed before this write sees AWAKE and relies on this check.
      if (arrivals.get() == null) {
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

    private boolean deadlineWithin(long now, long nanos) {
      return count > 0 && heap[0].deadline - (now + nanos) <= 0;
    }

    private void failDueCalls() {
      long now = System.nanoTime();
      while (count > 0 && heap[0].deadline - now <= 0) {
        Entry entry = removeAt(0);
        if (Entry.STATE.compareAndSet(entry, Entry.QUEUED, Entry.FIRED)) {
          try {
            AsyncCall<?> call = entry.fire();
            if (call != null) {
              toStop.add(call);
            }
          } catch (Throwable unexpected) {
            Thread.UncaughtExceptionHandler handler = thread.getUncaughtExceptionHandler();
            if (handler != null) {
              handler.uncaughtException(thread, unexpected);
            }
          }
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
