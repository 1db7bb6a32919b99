package dev.asyncdsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A method that runs as a durable job: calling it through the generated {@code FooJobs} class
 * stores a job (the arguments as JSON, and the caller's context) instead of running the method, and
 * a JobRunr worker, in this process or another one sharing the storage, runs it. The job outlives
 * the caller's process; module {@code async-jobrunr} runs the workers.
 *
 * <p>For {@code @Durable public void refresh(String city)} in {@code Mirror}, the processor writes
 * {@code MirrorJobs} with {@code refresh(city)}, {@code refreshAt(instant, city)} and {@code
 * refreshAfter(delay, city)}, each returning the job's id, and a request record and a handler per
 * method, so no job is analysed at run time. It checks at compile time what would otherwise fail on
 * another machine: every argument type must round-trip through JSON (primitives and their boxes,
 * {@code String}, enums, {@code UUID}, {@code BigDecimal}, {@code BigInteger}, the {@code
 * java.time} values, public records of those, and lists, sets, maps with {@code String}, enum or
 * {@code UUID} keys, and arrays of those), and the method and its class must be public, so the
 * worker can reach them.
 *
 * <p><b>Delivery is at least once.</b> A job whose worker dies (killed, or its machine lost) runs
 * again on another worker, even if the first run got far or all the way: make the method
 * idempotent, so that running it twice with the same arguments does what running it once does
 * (write with upserts, check whether the work is done before doing it). A failing job is retried by
 * JobRunr {@link #retries()} times, with a growing delay between attempts.
 *
 * <p>A {@code @Timeout}, {@code @Retry} or {@code @Fallback} on the method applies within each run,
 * as for a twin call: the worker runs the method through the twin, so the deadline interrupts it
 * and the retries happen in the worker, before JobRunr counts the job as failed.
 *
 * <p>A value the method returns is dropped: JobRunr's open-source edition keeps no job results (the
 * compiler warns). Store what later work needs; to wait for a job to end, pass its id to {@code
 * DurableJobs.completion(id)}, a future that completes when the job has succeeded, or fails with
 * the job's failure.
 *
 * <p>An instance method runs on an object the worker gets from a supplier registered for the class
 * with {@code DurableJobs.provide} (for example a Spring bean), or else on one built with the
 * class's public no-arg constructor.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Durable {
  /**
   * How many times JobRunr retries a failed job, on any worker; must be 0 or more.
   *
   * @return the number of retries, 10 by default, as JobRunr's own default
   */
  int retries() default 10;

  /**
   * The job's name in JobRunr's dashboard.
   *
   * @return the name, or empty (the default) for one made of the class, the method and its
   *     arguments
   */
  String name() default "";
}
