package dev.asyncdsl.jobrunr;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.jobrunr.jobs.JobId;

/**
 * Stand-in for compile tests: records what is enqueued instead of storing it, so a test can run the
 * requests' handlers itself.
 */
public final class DurableJobs {
  /** What an entry point handed over: the method, when (null for now) and the request. */
  public record Enqueued(DurableMethod method, Object when, DurableRequest request) {}

  private static final List<Enqueued> ENQUEUED = new CopyOnWriteArrayList<>();
  private static final Map<Class<?>, Supplier<?>> PROVIDED = new ConcurrentHashMap<>();

  private DurableJobs() {}

  public static JobId enqueue(DurableMethod method, DurableRequest request) {
    return record(method, null, request);
  }

  public static JobId schedule(DurableMethod method, Instant at, DurableRequest request) {
    return record(method, at, request);
  }

  public static JobId schedule(DurableMethod method, Duration delay, DurableRequest request) {
    return record(method, delay, request);
  }

  public static <T> void provide(Class<T> type, Supplier<? extends T> supplier) {
    PROVIDED.put(type, supplier);
  }

  public static <T> T instance(Class<T> type, Supplier<? extends T> constructor) {
    Supplier<?> provided = PROVIDED.get(type);
    return type.cast(provided != null ? provided.get() : constructor.get());
  }

  /** Takes what was enqueued since the last call. */
  public static List<Enqueued> drain() {
    List<Enqueued> drained = new ArrayList<>(ENQUEUED);
    ENQUEUED.removeAll(drained);
    return drained;
  }

  /** Forgets every registered instance. */
  public static void forgetProvided() {
    PROVIDED.clear();
  }

  private static JobId record(DurableMethod method, Object when, DurableRequest request) {
    ENQUEUED.add(new Enqueued(method, when, request));
    return new JobId(UUID.randomUUID());
  }
}
