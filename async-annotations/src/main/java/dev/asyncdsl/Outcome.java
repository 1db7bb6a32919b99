package dev.asyncdsl;

/**
 * How one call ended: a value or the call's own exception. {@link Gather#settled} gives one per
 * input. On Java 21 and later it can be taken apart with a record pattern in a {@code switch}.
 *
 * @param <T> the type of the call's value
 */
public sealed interface Outcome<T> permits Outcome.Success, Outcome.Failure {

  /**
   * A call that returned {@code value}.
   *
   * @param <T> the type of the value
   * @param value the call's result, {@code null} for a {@code void} method
   * @return a {@link Success} holding {@code value}
   */
  static <T> Outcome<T> success(T value) {
    return new Success<>(value);
  }

  /**
   * A call that threw {@code error}.
   *
   * @param <T> the type the call would have returned
   * @param error the call's own exception, not {@code null}
   * @return a {@link Failure} holding {@code error}
   * @throws NullPointerException if {@code error} is {@code null}
   */
  static <T> Outcome<T> failure(Throwable error) {
    return new Failure<>(error);
  }

  /**
   * Whether the call returned a value.
   *
   * @return {@code true} for a {@link Success}, {@code false} for a {@link Failure}
   */
  boolean isSuccess();

  /**
   * The value the call returned.
   *
   * @return the value, which is {@code null} for a {@code void} method
   * @throws IllegalStateException for a failure, caused by its error
   */
  T value();

  /**
   * The exception the call threw.
   *
   * @return the exception
   * @throws IllegalStateException for a success
   */
  Throwable error();

  /**
   * A call that returned {@code value} (which is {@code null} for a {@code void} method).
   *
   * @param <T> the type of the value
   * @param value the call's result
   */
  record Success<T>(T value) implements Outcome<T> {
    @Override
    public boolean isSuccess() {
      return true;
    }

    @Override
    public Throwable error() {
      throw new IllegalStateException("the call succeeded; it has no error");
    }
  }

  /**
   * A call that threw {@code error}.
   *
   * @param <T> the type the call would have returned
   * @param error the call's own exception, not {@code null}
   */
  record Failure<T>(Throwable error) implements Outcome<T> {
    /**
     * A failure with {@code error}.
     *
     * @param error the call's own exception, not {@code null}
     * @throws NullPointerException if {@code error} is {@code null}
     */
    public Failure {
      java.util.Objects.requireNonNull(error, "error");
    }

    @Override
    public boolean isSuccess() {
      return false;
    }

    @Override
    public T value() {
      throw new IllegalStateException("the call failed; it has no value", error);
    }
  }
}
