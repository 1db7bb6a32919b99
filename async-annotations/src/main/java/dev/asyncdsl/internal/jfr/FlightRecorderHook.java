package dev.asyncdsl.internal.jfr;

import java.util.Optional;

/**
 * Where the runtime starts to follow Flight Recorder, once, when its listener list is first used.
 * This class names no {@code jdk.jfr} type: it is loaded, and runs, in a JVM without the module (a
 * {@code jlink}ed image of {@code java.base}, {@code --limit-modules java.base}), and then does
 * nothing. Only when the module is there does it load the classes that use it.
 *
 * <h2>Cost in a JVM that never records</h2>
 *
 * The events reach Flight Recorder through {@link JfrCallListener}, which is in the runtime's
 * listener list only while a recording that enables one of them runs: with none, a call pays the
 * one volatile read of an empty list, as with no listener at all. What remains is learning when a
 * recording starts, which only {@link jdk.jfr.FlightRecorder#addListener} tells.
 *
 * <p>{@code addListener} does not initialize or start Flight Recorder: it appends to a static list
 * (in {@code jdk.jfr.internal.PlatformRecorder}) that Flight Recorder reads when it is initialized
 * and when a recording changes state, and tells {@code recorderInitialized} at once only if it is
 * initialized already; {@link jdk.jfr.FlightRecorder#isInitialized()} stays false and no thread is
 * started. It does load and initialize part of {@code jdk.jfr}, though: on JDK 17 its security
 * support (which reads the security properties and adds module reads) and the native interface,
 * some 35 classes, 6 to 13 ms on a first call in an otherwise warm JVM; on JDK 25, 0.5 to 0.8 ms.
 * So the hook works in two ways:
 *
 * <ul>
 *   <li>Flight Recorder is initialized already (a recording started with {@code
 *       -XX:StartFlightRecording} before the runtime was loaded, or anything that used the API):
 *       its classes are loaded, and the watch is added on the calling thread, which also registers
 *       the listener at once if a recording runs, so not one call is missed.
 *   <li>It is not: no recording can be running, so nothing is missed while the watch is added on a
 *       short-lived daemon thread ({@code asyncdsl-jfr-hook}), which ends when it has. The first
 *       call pays the start of a thread (some 0.1 ms) instead of the classes; a recording started
 *       later ({@code jcmd <pid> JFR.start}, JMC, the {@code Recording} API) is told to the watch.
 * </ul>
 *
 * Polling {@code isInitialized()} instead would need a thread that lives as long as the JVM, or a
 * check on every call; a recording started later would go unseen if the watch were added only when
 * Flight Recorder is initialized. Anything that fails here is logged once on the {@code
 * System.Logger} named after this class and leaves calls unheard by Flight Recorder, never failed.
 */
public final class FlightRecorderHook {
  private static final String MODULE = "jdk.jfr";

  private static boolean installed;

  private FlightRecorderHook() {}

  /** Starts following Flight Recorder if the {@code jdk.jfr} module is there; once. */
  public static synchronized void install() {
    if (installed) {
      return;
    }
    installed = true;
    try {
      if (jfrReadable()) {
        RecorderWatch.install();
      }
    } catch (Throwable failure) {
      failed(failure);
    }
  }

  /**
   * Whether the {@code jdk.jfr} module is in the boot layer and this module reads it. On the class
   * path it is there whenever the image has it; on the module path, whenever something requires it
   * ({@code requires static} alone does not resolve it), it is added with {@code --add-modules}, or
   * the image resolves it by default.
   */
  private static boolean jfrReadable() {
    Optional<Module> jfr = ModuleLayer.boot().findModule(MODULE);
    return jfr.isPresent() && FlightRecorderHook.class.getModule().canRead(jfr.get());
  }

  static void failed(Throwable failure) {
    System.getLogger(FlightRecorderHook.class.getName())
        .log(
            System.Logger.Level.WARNING,
            "asyncdsl's Flight Recorder events are off: following the recordings failed",
            failure);
  }
}
