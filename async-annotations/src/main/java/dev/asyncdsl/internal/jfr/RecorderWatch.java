package dev.asyncdsl.internal.jfr;

import dev.asyncdsl.internal.event.Listeners;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;

/**
 * Keeps {@link JfrCallListener} in the runtime's listener list exactly while a recording that
 * enables one of the runtime's events runs. Only {@link FlightRecorderHook} loads it, once it has
 * made sure the {@code jdk.jfr} module is there.
 *
 * <p>Flight Recorder tells a {@link FlightRecorderListener} of every recording's start, stop and
 * close, after the change and outside its locks; each time, the list is brought in line with what
 * the event types say now ({@link #refresh}), whatever the change was: notifications of two
 * recordings may arrive in either order, the last to look wins, and it looks after it has acted.
 */
final class RecorderWatch implements FlightRecorderListener {
  /** Whether the listener was ever registered: until then there is nothing to unregister. */
  private static volatile boolean everRegistered;

  private RecorderWatch() {}

  /**
   * Starts watching: at once if Flight Recorder is initialized (a recording may run already, one
   * started by {@code -XX:StartFlightRecording} before the runtime was loaded), else on a thread of
   * its own, see {@link FlightRecorderHook}.
   */
  static void install() {
    if (FlightRecorder.isInitialized()) {
      watch();
      return;
    }
    Thread thread = new Thread(null, RecorderWatch::watchQuietly, "asyncdsl-jfr-hook", 0, false);
    thread.setDaemon(true);
    try {
      thread.start();
    } catch (Throwable refused) {
      // No thread may be started here (a thread limit, a security manager): pay it on this one.
      watch();
    }
  }

  private static void watchQuietly() {
    try {
      watch();
    } catch (Throwable failure) {
      FlightRecorderHook.failed(failure);
    }
  }

  /**
   * Adds the watch, then looks: a recording that started before it was added was not told to it.
   */
  private static void watch() {
    FlightRecorder.addListener(new RecorderWatch());
    refresh();
  }

  @Override
  public void recordingStateChanged(Recording recording) {
    try {
      refresh();
    } catch (Throwable failure) {
      FlightRecorderHook.failed(failure);
    }
  }

  /**
   * Registers the listener if a recording enables one of the runtime's events, else unregisters it;
   * then looks again, and does it over if that changed meanwhile.
   */
  static void refresh() {
    boolean wanted = wanted();
    while (true) {
      if (wanted) {
        everRegistered = true;
        Listeners.register(JfrCallListener.INSTANCE);
      } else if (everRegistered) {
        Listeners.unregister(JfrCallListener.INSTANCE);
      }
      boolean now = wanted();
      if (now == wanted) {
        return;
      }
      wanted = now;
    }
  }

  /**
   * Whether a recording enables one of the runtime's events. The event types are not touched (nor
   * registered with Flight Recorder) until it is initialized.
   */
  private static boolean wanted() {
    return FlightRecorder.isInitialized() && EventTypes.any();
  }
}
