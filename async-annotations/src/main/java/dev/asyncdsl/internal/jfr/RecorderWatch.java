package dev.asyncdsl.internal.jfr;

import dev.asyncdsl.internal.event.Listeners;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;

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
   * How long after the runtime's first use the watch is added when Flight Recorder is not
   * initialized then: past the burst of class loading that a first call is part of.
   */
  static final long DELAY_MILLIS = 1000;

  /**
   * Starts watching: at once if Flight Recorder is initialized (a recording may run already, one
   * started by {@code -XX:StartFlightRecording} before the runtime was loaded), else {@link
   * #DELAY_MILLIS} later, on a daemon thread of its own, see {@link FlightRecorderHook}.
   */
  static void install() {
    if (FlightRecorder.isInitialized()) {
      watch();
      return;
    }
    Thread thread = new Thread(null, new Later(), "asyncdsl-jfr-hook", 0, false);
    thread.setDaemon(true);
    thread.setContextClassLoader(RecorderWatch.class.getClassLoader());
    thread.start();
  }

  /** What the hook's thread runs (a class rather than a lambda: no bootstrap on a first call). */
  private static final class Later implements Runnable {
    @Override
    public void run() {
      try {
        Thread.sleep(DELAY_MILLIS);
      } catch (InterruptedException e) {
        // Asked to hurry: add the watch now.
      }
      try {
        watch();
      } catch (Throwable failure) {
        FlightRecorderHook.failed(failure);
      }
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
   * Whether a running recording enables one of the runtime's events. The event types are not
   * touched until a recording runs: registering them with Flight Recorder costs some milliseconds
   * each (it writes the metadata anew), worth paying only when they may be recorded.
   */
  private static boolean wanted() {
    return FlightRecorder.isInitialized() && anyRunning() && EventTypes.any();
  }

  private static boolean anyRunning() {
    for (Recording recording : FlightRecorder.getFlightRecorder().getRecordings()) {
      if (recording.getState() == RecordingState.RUNNING) {
        return true;
      }
    }
    return false;
  }
}
