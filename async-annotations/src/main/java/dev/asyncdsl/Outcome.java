package dev.asyncdsl;

/**
 * How one call ended: a value or the call's own exception. {@link Gather#settled} gives one per
 * input. On Java 21 and later it can be taken apart with a record pattern in a {@code switch}.
 */
public sealed interface Outcome<T> permits Outcome.Success, Outcome.Failure {

  static <T> Outcome<T> success(T value) {
    return new Success<>(value);
  }

  static <T> Outcome<T> failure(Throwable error) {
    return new Failure<>(error);
  }

  boolean isSuccess();

  /** The value; throws {@link IllegalStateException} (caused by the error) for a failure. */
  T value();

  /** The exception; throws {@link IllegalStateException} for a success. */
  Throwable error();

  /** A call that returned {@code value} (which is {@code null} for a {@code void} method). */
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

  /** A call that threw {@code error}. */
  record Failure<T>(Throwable error) implements Outcome<T> {
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
