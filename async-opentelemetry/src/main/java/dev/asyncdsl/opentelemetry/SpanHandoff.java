package dev.asyncdsl.opentelemetry;

import io.opentelemetry.context.Context;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Hands a call's span from {@link OpenTelemetryCallListener}, which starts it, to {@link
 * OpenTelemetryContextPropagator#capture()}, which the runtime calls next on the same thread, so
 * that the call carries the caller's context with its span current.
 *
 * <p>Each thread that starts a followed call has a slot holding, until the capture takes it, the
 * call's {@link CallSpan}. Nothing stays there: the capture right after takes it, the next call
 * started on the thread replaces it, and the call's end clears it, from whichever thread it ends
 * on, if it is still there (the runtime did not capture, because a propagator before this one threw
 * or the propagator was unregistered meanwhile).
 */
final class SpanHandoff {
  /** Each thread's slot; none on a thread that never started a followed call. */
  private static final ThreadLocal<Slot> SLOTS = new ThreadLocal<>();

  /**
   * Whether any span was ever handed: until one is, a capture does not even look at its slot.
   * Written once, raced benignly.
   */
  private static volatile boolean used;

  private SpanHandoff() {}

  /** One thread's slot: the call whose span awaits the capture, or null. */
  static final class Slot extends AtomicReference<CallSpan> {
    private static final long serialVersionUID = 1L;
  }

  /**
   * Leaves {@code call} for the capture that follows on this thread.
   *
   * @param call the call just started
   * @return the slot it was left in, for {@link #withdraw}
   */
  static Slot hand(CallSpan call) {
    Slot slot = SLOTS.get();
    if (slot == null) {
      slot = new Slot();
      SLOTS.set(slot);
    }
    if (!used) {
      used = true;
    }
    slot.set(call);
    return slot;
  }

  /**
   * Takes the context of the call whose span awaits this thread's capture.
   *
   * @return the call's context (the caller's, with the call's span), or null when none waits
   */
  static Context take() {
    if (!used) {
      return null;
    }
    Slot slot = SLOTS.get();
    if (slot == null) {
      return null;
    }
    CallSpan call = slot.get();
    return call != null && slot.compareAndSet(call, null) ? call.context() : null;
  }

  /**
   * Removes {@code call} from {@code slot} if no capture took it: for the call's end, on any
   * thread.
   *
   * @param slot where it was left
   * @param call the call
   */
  static void withdraw(Slot slot, CallSpan call) {
    slot.compareAndSet(call, null);
  }
}
