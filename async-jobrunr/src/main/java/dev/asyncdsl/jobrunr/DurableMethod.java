package dev.asyncdsl.jobrunr;

import dev.asyncdsl.AsyncMethod;
import java.util.Objects;

/**
 * A {@code @Durable} method, as the generated {@code XJobs} class names it once in a constant: the
 * method, how many times JobRunr retries its failed jobs, and the name its jobs get in the
 * dashboard.
 */
public final class DurableMethod {
  private final AsyncMethod method;
  private final int retries;
  private final String jobName;

  private DurableMethod(AsyncMethod method, int retries, String jobName) {
    this.method = method;
    this.retries = retries;
    this.jobName = jobName;
  }

  /**
   * The durable method {@code method}.
   *
   * @param method the method, by its class and its name with parameter types
   * @param retries how many times JobRunr retries a failed job of it; at least 0
   * @param name the name of its jobs in the dashboard; empty for the method's own name, {@code
   *     Class.method(ParameterTypes)} as its twin names it
   * @return the method
   * @throws IllegalArgumentException if {@code retries} is negative
   */
  public static DurableMethod of(AsyncMethod method, int retries, String name) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(name, "name");
    if (retries < 0) {
      throw new IllegalArgumentException(
          "retries of " + method.qualifiedName() + " must be >= 0, was " + retries);
    }
    return new DurableMethod(method, retries, name.isEmpty() ? method.name() : name);
  }

  /**
   * The method.
   *
   * @return the method, by its class and its name
   */
  public AsyncMethod method() {
    return method;
  }

  /**
   * How many times JobRunr retries a failed job of this method, on any worker.
   *
   * @return the retries, at least 0
   */
  public int retries() {
    return retries;
  }

  /**
   * The name its jobs get in JobRunr's dashboard.
   *
   * @return the job name
   */
  public String jobName() {
    return jobName;
  }

  @Override
  public String toString() {
    return "DurableMethod[" + jobName + ", retries=" + retries + "]";
  }
}
