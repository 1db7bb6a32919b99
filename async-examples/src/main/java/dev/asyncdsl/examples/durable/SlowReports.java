package dev.asyncdsl.examples.durable;

import dev.asyncdsl.Durable;
import java.time.Duration;

/**
 * The seed post's Celery case: a task that takes long ("fetch data from some service which took
 * more than 5 minutes"), here a second or two so that the demo stays short.
 */
public class SlowReports {
  /**
   * Builds one report: waits as long as the slow service takes.
   *
   * @param report the report's number
   * @param takes how long the service takes
   * @throws InterruptedException if the worker stops meanwhile (the job then runs again elsewhere)
   */
  @Durable(retries = 2)
  public static void build(int report, Duration takes) throws InterruptedException {
    Thread.sleep(takes.toMillis());
  }
}
