package dev.asyncdsl.benchmarks;

import dev.asyncdsl.Async;
import dev.asyncdsl.Timeout;
import java.util.concurrent.TimeUnit;

/** The trivial method of the per-call benchmarks, so the call machinery is all that is measured. */
public class Trivial {
  /** Returns its argument. */
  @Async
  public int echo(int x) {
    return x;
  }

  /** Returns its argument, under a timeout that never fires (the timer is armed and cancelled). */
  @Async
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  public int echoTimed(int x) {
    return x;
  }
}
