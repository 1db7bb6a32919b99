package dev.asyncdsl.internal.policy;

import dev.asyncdsl.CircuitBreaker;
import dev.asyncdsl.FaultTolerance;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The state of one {@link CircuitBreaker}: closed, open or half-open, as MicroProfile Fault
 * Tolerance defines them.
 *
 * <pre>
 * CLOSED ──window full and failures/volume >= ratio──> OPEN ──delay passed, next call──> HALF_OPEN
 *   ^                                                    ^                                  │
 *   │                                                    └────────── one trial failed ──────┤
 *   └──────────────────── successThreshold trials succeeded ────────────────────────────────┘
 * </pre>
 *
 * One volatile word holds the state and a generation, bumped by every transition. A call is let
 * through with the word of the moment as its ticket, and its outcome counts only if the circuit is
 * still in that generation: a slow call let through while closed does not decide a half-open
 * circuit's trial. Letting a call through a closed circuit, and rejecting one while it is open,
 * read that word and nothing else; recording outcomes and transitions take the monitor.
 *
 * <p>Those who {@linkplain #observe observe} it hear every transition, in order, never under the
 * monitor: a transition is queued under it, and whoever made one drains the queue afterwards, one
 * thread at a time. With no observer nothing is queued.
 */
public final class Circuit {
  private static final VarHandle DRAINING;

  static {
    try {
      DRAINING = MethodHandles.lookup().findVarHandle(Circuit.class, "draining", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Hears the transitions of a circuit. */
  public interface Observer {
    /**
     * The circuit has moved from {@code from} to {@code to}.
     *
     * @param from the state it left
     * @param to the state it is in
     */
    void transition(FaultTolerance.CircuitState from, FaultTolerance.CircuitState to);
  }

  private static final Observer[] NO_OBSERVERS = new Observer[0];

  private static final int CLOSED = 0;
  private static final int OPEN = 1;
  private static final int HALF_OPEN = 2;
  private static final int STATE_BITS = 3;

  /** Returned by {@link #tryPass} when the call must fail fast. */
  static final int REJECTED = -1;

  private final int volume;
  private final double failureRatio;
  private final long delayNanos;
  private final int successThreshold;

  /** {@code generation << 2 | state}; never negative. */
  private volatile int word;

  /** When the circuit last opened, as {@link System#nanoTime()}. */
  private volatile long openedAt;

  private volatile long timesOpened;

  /**
   * The time spent in each state before the current one, by state, and when the current one began.
   * An open circuit whose delay has passed counts as half-open from then on, as {@link #state()}
   * reports it. Guarded by this.
   */
  private final long[] nanosIn = new long[3];

  private long stateSince = System.nanoTime();

  /**
   * The rolling window of the closed circuit, one bit per outcome (set for a failure), grown as it
   * fills: a window of a billion calls takes memory for the outcomes it has seen, not for the ones
   * it could hold. Guarded by this, as are the counts below.
   */
  private long[] outcomes = new long[1];

  private int next;
  private int seen;
  private int failures;

  // The half-open circuit's trials. Guarded by this.
  private int trialsLetThrough;
  private int trialSuccesses;

  /** Replaced as a whole; read at every transition. */
  private volatile Observer[] observers = NO_OBSERVERS;

  /**
   * Transitions to tell, each with the observers there were when it happened. Guarded by itself.
   */
  private final ArrayDeque<Untold> untold = new ArrayDeque<>();

  /** A transition and whom to tell of it. */
  private record Untold(
      FaultTolerance.CircuitState from, FaultTolerance.CircuitState to, Observer[] observers) {}

  /** Whether {@link #untold} holds anything: read without its lock, on every outcome. */
  private volatile boolean anyUntold;

  /** Whether a thread is telling the observers. */
  @SuppressWarnings("unused") // accessed through DRAINING
  private volatile boolean draining;

  /**
   * A closed circuit.
   *
   * @param volume the rolling window, at least 1
   * @param failureRatio the share of failures that opens it
   * @param delayNanos how long it stays open
   * @param successThreshold the trial successes that close it, at least 1
   */
  public Circuit(int volume, double failureRatio, long delayNanos, int successThreshold) {
    this.volume = volume;
    this.failureRatio = failureRatio;
    this.delayNanos = delayNanos;
    this.successThreshold = successThreshold;
  }

  /** A circuit of the same settings, closed: for a twin with state of its own. */
  Circuit fresh() {
    return new Circuit(volume, failureRatio, delayNanos, successThreshold);
  }

  /** A ticket for a call that may run, or {@link #REJECTED}. */
  int tryPass() {
    int current = word;
    int state = current & STATE_BITS;
    if (state == CLOSED) {
      return current;
    }
    if (state == OPEN && System.nanoTime() - openedAt < delayNanos) {
      return REJECTED;
    }
    synchronized (this) {
      current = word;
      state = current & STATE_BITS;
      if (state == OPEN) {
        if (System.nanoTime() - openedAt < delayNanos) {
          return REJECTED;
        }
        current = moveTo(HALF_OPEN);
        trialsLetThrough = 0;
        trialSuccesses = 0;
      } else if (state == CLOSED) {
        return current;
      }
      if (trialsLetThrough >= successThreshold) {
        current = REJECTED;
      } else {
        trialsLetThrough++;
      }
    }
    tellObservers();
    return current;
  }

  /**
   * Counts the outcome of a call let through with {@code ticket}: a failure when {@code failed}. An
   * outcome that says nothing about the method ({@code ignored}: its caller cancelled it or ran out
   * of time) does not count; as a trial, it frees its place for another.
   */
  void record(int ticket, boolean ignored, boolean failed) {
    if (ticket != word) {
      return; // decided in another generation
    }
    synchronized (this) {
      if (ticket != word) {
        return;
      }
      if ((ticket & STATE_BITS) == HALF_OPEN) {
        if (ignored) {
          trialsLetThrough--;
        } else if (failed) {
          open();
        } else if (++trialSuccesses >= successThreshold) {
          close();
        }
      } else if (!ignored) {
        count(failed);
      }
    }
    tellObservers();
  }

  /** Counts an outcome in the closed circuit's window; holding the monitor. */
  private void count(boolean failed) {
    int word = next >>> 6;
    long bit = 1L << next;
    if (seen == volume) {
      if ((outcomes[word] & bit) != 0) {
        failures--;
      }
    } else {
      seen++;
      if (word == outcomes.length) {
        // Still filling (next == seen - 1): twice the room, never more than the window holds.
        long words = ((long) volume + 63) >>> 6;
        outcomes = Arrays.copyOf(outcomes, (int) Math.min(words, 2L * outcomes.length));
      }
    }
    if (failed) {
      outcomes[word] |= bit;
    } else {
      outcomes[word] &= ~bit;
    }
    next = next + 1 == volume ? 0 : next + 1;
    if (failed) {
      failures++;
    }
    // Weighed after every outcome, a success too: the success that fills the window can bring
    // it to the ratio (success, failure, failure, success opens a window of 4 at 0.5, as the
    // MicroProfile TCK's rolling-window test has it). A window without failures never opens.
    // The share seen, not failures >= ratio * volume: 0.55 * 100 is 55.00000000000001 in
    // doubles, while 55 / 100.0 is the double nearest 0.55, the ratio as the annotation wrote it.
    if (seen == volume && failures > 0 && (double) failures / volume >= failureRatio) {
      open();
    }
  }

  private void open() {
    openedAt = System.nanoTime();
    timesOpened++;
    moveTo(OPEN);
  }

  private void close() {
    outcomes = new long[1];
    next = 0;
    seen = 0;
    failures = 0;
    moveTo(CLOSED);
  }

  /** A new generation in {@code state}; holding the monitor. */
  private int moveTo(int state) {
    int from = word & STATE_BITS;
    long now = System.nanoTime();
    spend(nanosIn, from, now);
    stateSince = now;
    int moved = ((word >>> 2) + 1 << 2 & Integer.MAX_VALUE) | state;
    word = moved;
    Observer[] toTell = observers;
    if (toTell.length > 0 && from != state) {
      synchronized (untold) {
        untold.add(new Untold(STATES[from], STATES[state], toTell));
        anyUntold = true;
      }
    }
    return moved;
  }

  /**
   * Tells the observers of the transitions queued so far, in order, unless another thread is doing
   * so (it will tell these too). Called after leaving the monitor: an observer may take its time,
   * or read and reset the circuit.
   */
  private void tellObservers() {
    while (anyUntold && DRAINING.compareAndSet(this, false, true)) {
      try {
        Untold next;
        while ((next = poll()) != null) {
          for (Observer observer : next.observers()) {
            try {
              observer.transition(next.from(), next.to());
            } catch (Throwable failure) {
              report(failure);
            }
          }
        }
      } finally {
        DRAINING.setVolatile(this, false);
      }
      // A transition queued after the last poll and before the flag was cleared found the flag
      // set: look again.
    }
  }

  private static final FaultTolerance.CircuitState[] STATES = {
    FaultTolerance.CircuitState.CLOSED,
    FaultTolerance.CircuitState.OPEN,
    FaultTolerance.CircuitState.HALF_OPEN
  };

  /**
   * An observer's failure is its own: it goes to the thread's uncaught-exception handler, and a
   * handler that throws in turn is ignored, so that the call that moved the circuit goes on.
   */
  private static void report(Throwable failure) {
    try {
      Thread thread = Thread.currentThread();
      thread.getUncaughtExceptionHandler().uncaughtException(thread, failure);
    } catch (Throwable ignored) {
      // Nowhere better to go: never to the call.
    }
  }

  private Untold poll() {
    synchronized (untold) {
      Untold next = untold.poll();
      anyUntold = !untold.isEmpty();
      return next;
    }
  }

  /**
   * Adds {@code observer}, to hear every transition from now on (those made before, still being
   * told, are told to the observers there were then).
   *
   * @param observer what to tell
   * @return removes it again
   */
  public Runnable observe(Observer observer) {
    synchronized (this) {
      Observer[] grown = Arrays.copyOf(observers, observers.length + 1);
      grown[observers.length] = observer;
      observers = grown;
    }
    return () -> {
      synchronized (this) {
        Observer[] current = observers;
        for (int i = 0; i < current.length; i++) {
          if (current[i] == observer) {
            Observer[] kept = new Observer[current.length - 1];
            System.arraycopy(current, 0, kept, 0, i);
            System.arraycopy(current, i + 1, kept, i, current.length - i - 1);
            observers = kept;
            return;
          }
        }
      }
    };
  }

  /**
   * Closes the circuit and empties its window, as if it were new (its count of openings stays): for
   * an operator who knows the downstream is back. Calls under way when it resets count for nothing.
   */
  public void reset() {
    synchronized (this) {
      close();
    }
    tellObservers();
  }

  /**
   * The outcomes in the closed circuit's window: how many it holds.
   *
   * @return the outcomes counted since it last closed, at most the window's size
   */
  public synchronized int windowCalls() {
    return seen;
  }

  /**
   * The failures among {@link #windowCalls()}.
   *
   * @return the failures in the window
   */
  public synchronized int windowFailures() {
    return failures;
  }

  /**
   * The size of its rolling window, {@code requestVolumeThreshold}.
   *
   * @return the window's size
   */
  public int windowSize() {
    return volume;
  }

  /**
   * How long the circuit has spent in {@code state} since it was made, the current stay included.
   *
   * @param state the state
   * @return nanoseconds
   */
  public synchronized long nanosIn(FaultTolerance.CircuitState state) {
    long[] total = nanosIn.clone();
    spend(total, word & STATE_BITS, System.nanoTime());
    return total[state.ordinal()];
  }

  /** Adds the stay in {@code state} that ends {@code now} to {@code total}; holding the monitor. */
  private void spend(long[] total, int state, long now) {
    if (state == OPEN && now - openedAt >= delayNanos) {
      long delayOver = Math.max(stateSince, openedAt + delayNanos);
      total[OPEN] += delayOver - stateSince;
      total[HALF_OPEN] += now - delayOver;
    } else {
      total[state] += now - stateSince;
    }
  }

  /**
   * The state now; open whose delay has passed reads half-open.
   *
   * @return the state
   */
  public FaultTolerance.CircuitState state() {
    int current = word & STATE_BITS;
    if (current == CLOSED) {
      return FaultTolerance.CircuitState.CLOSED;
    }
    if (current == OPEN && System.nanoTime() - openedAt < delayNanos) {
      return FaultTolerance.CircuitState.OPEN;
    }
    return FaultTolerance.CircuitState.HALF_OPEN;
  }

  /**
   * How many times it has opened.
   *
   * @return the count since it was made
   */
  public long timesOpened() {
    return timesOpened;
  }
}
