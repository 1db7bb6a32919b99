package dev.asyncdsl.it;

import dev.asyncdsl.Async;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Calls that can only finish once all of them have started: proof of overlap that does not depend
 * on how fast the machine is.
 */
class Overlap {
  private final CountDownLatch allStarted;
  private volatile boolean finishedEarly;

  Overlap(int calls) {
    this.allStarted = new CountDownLatch(calls);
  }

  @Async
  int enter(int id) throws InterruptedException {
    allStarted.countDown();
    if (!allStarted.await(10, TimeUnit.SECONDS)) {
      finishedEarly = true;
    }
    return id;
  }

  boolean anyFinishedBeforeAllStarted() {
    return finishedEarly;
  }
}
