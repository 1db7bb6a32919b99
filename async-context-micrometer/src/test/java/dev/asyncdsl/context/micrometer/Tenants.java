package dev.asyncdsl.context.micrometer;

import dev.asyncdsl.Async;
import dev.asyncdsl.Fallback;
import dev.asyncdsl.Retry;
import dev.asyncdsl.Timeout;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.MDC;

/**
 * A service written as a user would, reading two thread-locals that the tests register with
 * Micrometer's registry: each method reports the values it ran with.
 */
public class Tenants {
  static final ThreadLocal<String> TENANT = new ThreadLocal<>();
  static final ThreadLocal<String> USER = new ThreadLocal<>();

  /** What each retry attempt and the fallback saw, in order. */
  final List<String> seen = new CopyOnWriteArrayList<>();

  /** Where a nested call goes: its own twin, set by the test. */
  volatile TenantsAsync inner;

  static String current() {
    return TENANT.get() + "/" + USER.get();
  }

  @Async
  public String whoAmI() {
    return current();
  }

  @Async
  public String requestId() {
    return MDC.get("requestId");
  }

  @Async
  @Retry(maxRetries = 2, delay = 5)
  @Fallback(method = "recovered")
  public String alwaysFailing() {
    seen.add("attempt " + current());
    throw new IllegalStateException("down");
  }

  String recovered() {
    seen.add("fallback " + current());
    return "recovered";
  }

  /** Changes the user in its own thread, then calls the inner twin and waits for it. */
  @Async
  public String nested() {
    USER.set("inner-user");
    return inner.whoAmI().join();
  }

  @Async
  @Timeout(value = 200, unit = TimeUnit.MILLISECONDS)
  public String blockUntilStopped(CountDownLatch never) throws InterruptedException {
    never.await();
    return "released";
  }
}
