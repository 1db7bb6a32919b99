package dev.asyncdsl.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertSame;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The propagator on its own: what a capture holds, and that a reset puts the thread back. */
class OpenTelemetryContextPropagatorTest {
  private static final ContextKey<String> KEY = ContextKey.named("request");

  private final OpenTelemetryContextPropagator propagator = new OpenTelemetryContextPropagator();

  @AfterEach
  void threadHoldsNoContext() {
    assertSame(Context.root(), Context.current());
  }

  @Test
  void captureIsTheCurrentContext() {
    Context caller = Context.root().with(KEY, "r-1");
    Scope scope = caller.makeCurrent();
    try {
      assertSame(caller, propagator.capture());
    } finally {
      scope.close();
    }
    assertSame(Context.root(), propagator.capture());
  }

  @Test
  void restoreMakesTheCaptureCurrentAndResetPutsBackWhatTheThreadHeld() {
    Context caller = Context.root().with(KEY, "caller");
    Context workers = Context.root().with(KEY, "worker's own");
    Scope scope = workers.makeCurrent();
    try {
      Scope restored = propagator.restore(caller);
      assertSame(caller, Context.current());
      propagator.reset(restored);
      assertSame(workers, Context.current());
    } finally {
      scope.close();
    }
  }

  @Test
  void restoresNestLastFirst() {
    Context first = Context.root().with(KEY, "first");
    Context second = Context.root().with(KEY, "second");
    Scope outer = propagator.restore(first);
    Scope inner = propagator.restore(second);
    assertSame(second, Context.current());
    propagator.reset(inner);
    assertSame(first, Context.current());
    propagator.reset(outer);
    assertSame(Context.root(), Context.current());
  }

  @Test
  void restoringNullRunsTheWorkInTheRootContext() {
    Context workers = Context.root().with(KEY, "worker's own");
    Scope scope = workers.makeCurrent();
    try {
      Scope restored = propagator.restore(null);
      assertSame(Context.root(), Context.current());
      propagator.reset(restored);
      assertSame(workers, Context.current());
    } finally {
      scope.close();
    }
  }

  @Test
  void resettingNullDoesNothing() {
    propagator.reset(null);
  }
}
