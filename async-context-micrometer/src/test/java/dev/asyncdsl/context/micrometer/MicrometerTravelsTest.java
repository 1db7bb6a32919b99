package dev.asyncdsl.context.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncdsl.DeadlineExceededException;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The thread-locals registered with Micrometer's global registry reach every piece of a twin call's
 * work, through the propagator that {@link java.util.ServiceLoader} finds in this module's jar.
 */
@org.junit.jupiter.api.Timeout(value = 60, unit = TimeUnit.SECONDS)
class MicrometerTravelsTest {
  static final String TENANT_KEY = "dev.asyncdsl.test.tenant";
  static final String USER_KEY = "dev.asyncdsl.test.user";

  private final List<ExecutorService> pools = new ArrayList<>();
  private final ExecutorService pool = track(Executors.newCachedThreadPool(daemons("cp-test")));
  private final Tenants tenants = new Tenants();
  private final TenantsAsync twin = new TenantsAsync(tenants, pool);

  @BeforeAll
  static void registerTheThreadLocals() {
    ContextRegistry.getInstance()
        .registerThreadLocalAccessor(TENANT_KEY, Tenants.TENANT)
        .registerThreadLocalAccessor(USER_KEY, Tenants.USER)
        .registerThreadLocalAccessor(new Slf4jThreadLocalAccessor());
  }

  @AfterAll
  static void removeTheThreadLocals() {
    ContextRegistry.getInstance().removeThreadLocalAccessor(TENANT_KEY);
    ContextRegistry.getInstance().removeThreadLocalAccessor(USER_KEY);
    ContextRegistry.getInstance().removeThreadLocalAccessor(Slf4jThreadLocalAccessor.KEY);
  }

  @BeforeEach
  void callerHasATenantAndAUser() {
    tenants.inner = new TenantsAsync(new Tenants(), pool);
    Tenants.TENANT.set("acme");
    Tenants.USER.set("alice");
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    Tenants.TENANT.remove();
    Tenants.USER.remove();
    MDC.clear();
    for (ExecutorService each : pools) {
      each.shutdownNow();
    }
    for (ExecutorService each : pools) {
      assertTrue(each.awaitTermination(10, TimeUnit.SECONDS), "a call was left running");
    }
  }

  private ExecutorService track(ExecutorService executor) {
    pools.add(executor);
    return executor;
  }

  private static ThreadFactory daemons(String name) {
    return task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  private static <T> T await(CompletableFuture<T> future) throws Exception {
    return future.get(20, TimeUnit.SECONDS);
  }

  @Test
  void theBodySeesEveryRegisteredValueOfTheCaller() throws Exception {
    assertEquals("acme/alice", await(twin.whoAmI()));
    assertEquals("acme/alice", Tenants.current(), "the caller's values are untouched");
  }

  @Test
  void theMdcTravelsThroughMicrometersSlf4jAccessor() throws Exception {
    MDC.put("requestId", "req-1");
    assertEquals("req-1", await(twin.requestId()));
    MDC.clear();
    assertNull(await(twin.requestId()), "a caller with no MDC gives the work none");
  }

  @Test
  void everyRetryAttemptAndTheFallbackSeeTheCallersValues() throws Exception {
    assertEquals("recovered", await(twin.alwaysFailing()));
    assertEquals(
        List.of(
            "attempt acme/alice",
            "attempt acme/alice",
            "attempt acme/alice",
            "fallback acme/alice"),
        tenants.seen);
  }

  @Test
  void aCallMadeInsideABodyCarriesTheBodysValues() throws Exception {
    assertEquals("acme/inner-user", await(twin.nested()));
    assertEquals("alice", Tenants.USER.get(), "what the body set stays in the body");
  }

  @Test
  void aDependentOfATimedOutCallRunsWithTheCallersValuesOnTheRuntimesThread() throws Exception {
    Thread test = Thread.currentThread();
    // The dependent runs on the runtime's thread only if it is added before the deadline (200 ms)
    // passes; on a loaded machine it may not be, and then the run proves nothing and is made
    // again, within a bound.
    for (int run = 0; run < 20; run++) {
      AtomicReference<Thread> ranOn = new AtomicReference<>();
      AtomicReference<String> saw = new AtomicReference<>();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      CountDownLatch done = new CountDownLatch(1);
      twin.blockUntilStopped(new CountDownLatch(1))
          .whenComplete(
              (value, thrown) -> {
                ranOn.set(Thread.currentThread());
                saw.set(Tenants.current());
                failure.set(thrown);
                done.countDown();
              });
      assertTrue(done.await(20, TimeUnit.SECONDS));
      assertInstanceOf(DeadlineExceededException.class, failure.get());
      if (ranOn.get() != test) {
        assertEquals("acme/alice", saw.get(), "on " + ranOn.get());
        return;
      }
    }
    throw new AssertionError("the deadline always passed before the dependent was added");
  }

  @Test
  void aStaleValueOnAPooledThreadIsHiddenFromTheWorkAndBackAfterwards() throws Exception {
    ExecutorService single = track(Executors.newSingleThreadExecutor(daemons("cp-stale")));
    single
        .submit(
            () -> {
              Tenants.TENANT.set("stale-tenant");
              Tenants.USER.set("stale-user");
            })
        .get(20, TimeUnit.SECONDS);
    TenantsAsync onIt = new TenantsAsync(tenants, single);

    Tenants.USER.remove();
    assertEquals("acme/null", await(onIt.whoAmI()), "the caller had no user: the work has none");
    Tenants.TENANT.remove();
    assertEquals("null/null", await(onIt.whoAmI()), "the caller had nothing: the work has nothing");
    Tenants.TENANT.set("acme");
    Tenants.USER.set("alice");
    assertEquals("acme/alice", await(onIt.whoAmI()));

    assertEquals(
        "stale-tenant/stale-user",
        single.submit(Tenants::current).get(20, TimeUnit.SECONDS),
        "the thread has its own values back");
  }
}
