package dev.asyncdsl.internal.jfr;

/**
 * Where the runtime starts to follow Flight Recorder, once, when its listener list is first used
 * (the static initializer of {@link dev.asyncdsl.internal.event.Listeners}: the first named call,
 * or the first use of {@link dev.asyncdsl.spi.CallListener}'s list). This class names no {@code
 * jdk.jfr} type: it is loaded, and runs, in a JVM without the module (an image {@code jlink}ed
 * without it, {@code --limit-modules java.base}, a module path that does not resolve it), and then
 * does nothing more than look for the module. Only when the module is there, and this module reads
 * it, does it load the classes that use it.
 *
 * <h2>What a JVM that never records pays</h2>
 *
 * The events reach Flight Recorder through {@link JfrCallListener}, which is in the runtime's
 * listener list only while a recording that enables one of them runs: with none, a call pays the
 * one volatile read of an empty list, as with no listener at all, and no event class is loaded.
 * What remains is learning when a recording starts, which only {@link
 * jdk.jfr.FlightRecorder#addListener} tells.
 *
 * <p>{@code addListener} does not initialize or start Flight Recorder (read in the JDK's sources
 * and checked: {@link jdk.jfr.FlightRecorder#isInitialized()} stays false, no thread starts). It
 * appends to a static list in {@code jdk.jfr.internal.PlatformRecorder}, which Flight Recorder
 * reads when it is initialized and whenever a recording changes state. But it loads and initializes
 * part of {@code jdk.jfr} on the way: on JDK 17 its security support (which reads the security
 * properties and adds module reads) and its native interface, some 35 classes, 6 to 13 ms even in
 * an application that has bootstrapped lambdas and futures already; on JDK 25, 0.5 to 0.8 ms. So
 * the hook works in one of two ways:
 *
 * <ul>
 *   <li>Flight Recorder is initialized already (a recording started with {@code
 *       -XX:StartFlightRecording} before the runtime was loaded, or anything that used its API):
 *       its classes are loaded, and the watch is added on the calling thread, which also registers
 *       the listener if a recording runs, so not one call is missed. That first use then registers
 *       the seven event types with Flight Recorder, which a JVM that records pays for any event
 *       class: a few milliseconds each, as each writes the metadata anew (30 to 160 ms for the
 *       seven on a loaded two-core machine, JDK 17 slower than 25).
 *   <li>It is not: no recording runs, so nothing is missed while the watch is added one second
 *       later ({@link RecorderWatch#DELAY_MILLIS}), past the burst of class loading that a first
 *       call is part of, on a daemon thread ({@code asyncdsl-jfr-hook}) that ends once it has. The
 *       first use pays for loading two classes of {@code jdk.jfr} and two of this room and for
 *       starting the thread, about a millisecond (0.1 to 0.4 ms of it the thread's start, more on a
 *       loaded machine, where the starter waits for the new thread to be scheduled). A JVM that
 *       ends within the second never pays more. A recording started later ({@code jcmd <pid>
 *       JFR.start}, JDK Mission Control, the {@link jdk.jfr.Recording} API) is told to the watch on
 *       the thread that starts it, and the listener joins the list then; one started within the
 *       second is found when the watch is added.
 * </ul>
 *
 * Polling {@code isInitialized()} instead would need a thread that lives as long as the JVM, or a
 * check on every call; adding the watch only if Flight Recorder is initialized at first use would
 * miss every recording started later, the common way to look at a running service. Anything that
 * fails here is logged once on the {@code System.Logger} named after this class and leaves the
 * calls unheard by Flight Recorder, never failed.
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
      // -Ddev.asyncdsl.jfr=false: no watch, no thread, no event ever.
      if (!"false".equalsIgnoreCase(System.getProperty("dev.asyncdsl.jfr")) && jfrReadable()) {
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
    // Not findModule: for a module that is absent it runs a stream of lambdas, whose bootstrap
    // costs a millisecond in an image without a class-data archive (jlink makes none by default).
    for (Module module : ModuleLayer.boot().modules()) {
      if (module.getName().equals(MODULE)) {
        return FlightRecorderHook.class.getModule().canRead(module);
      }
    }
    return false;
  }

  static void failed(Throwable failure) {
    System.getLogger(FlightRecorderHook.class.getName())
        .log(
            System.Logger.Level.WARNING,
            "asyncdsl's Flight Recorder events are off: following the recordings failed",
            failure);
  }
}
