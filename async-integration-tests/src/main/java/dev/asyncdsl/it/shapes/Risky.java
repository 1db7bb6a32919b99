package dev.asyncdsl.it.shapes;

import dev.asyncdsl.Async;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** Checked and generic exceptions, awkward names, raw and deprecated types. */
public class Risky {
  @Async
  public String read(String path) throws IOException {
    throw new IOException("cannot read " + path);
  }

  @Async
  public <X extends Exception> void fail(Supplier<X> failure) throws X {
    throw failure.get();
  }

  @Async
  public <X extends Throwable> String failWithThrowable(Supplier<X> failure) throws X {
    throw failure.get();
  }

  /** Parameters named like what the twin's body uses. */
  @Async
  public String names(String target, Executor executor, Object e, Object result, int inputs) {
    return target + "/" + (executor != null) + "/" + e + "/" + result + "/" + inputs;
  }

  @Async
  public String AsyncRuntime(String AsyncRuntime, String TimeUnit, String Risky) {
    return AsyncRuntime + TimeUnit + Risky;
  }

  @Async
  public String fetch(String url) {
    return "fetched " + url;
  }

  /** Named like fetch's gather helper, but not with an Iterable: both exist. */
  @Async
  public String fetchAll(int count) {
    return "fetched " + count;
  }

  @Async
  @SuppressWarnings("rawtypes")
  public int size(List raw) {
    return raw.size();
  }

  @Async
  @Deprecated
  public String old() {
    return "old";
  }

  @Async
  public String maybe(@Nullable String value) {
    return value == null ? "nothing" : value;
  }
}
