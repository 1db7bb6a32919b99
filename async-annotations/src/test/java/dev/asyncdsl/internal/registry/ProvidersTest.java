package dev.asyncdsl.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Providers whose library is absent are left out quietly; every other provider that cannot be
 * loaded is left out with a warning. Each test reads a service file of its own through a class
 * loader that hides {@link Library} and {@link BrokenLibrary}'s siblings as a missing jar would.
 */
class ProvidersTest {
  /** The service of these tests. */
  public interface Service {}

  /** A provider that needs nothing. */
  public static final class Plain implements Service {
    /** Made by the service loader. */
    public Plain() {}
  }

  /** A third-party class, hidden from the providers below as an absent jar's would be. */
  public static class Library {
    /** Made by {@link ExtendsLibrary}. */
    public Library() {}

    static String name() {
      return "library";
    }
  }

  /** A provider whose constructor calls into the absent library, as an integration's does. */
  public static final class NeedsLibrary implements Service {
    /** Made by the service loader: fails, the library being absent. */
    public NeedsLibrary() {
      Library.name();
    }
  }

  /** A provider whose superclass is the absent library's. */
  public static final class ExtendsLibrary extends Library implements Service {
    /** Never made: the class does not load. */
    public ExtendsLibrary() {}
  }

  /** A provider that is there and fails. */
  public static final class Throws implements Service {
    /** Made by the service loader: throws. */
    public Throws() {
      throw new IllegalStateException("broken provider");
    }
  }

  /** A library that is there, whose static initialiser fails. */
  public static final class BrokenLibrary {
    static final String NAME = fail();

    private BrokenLibrary() {}

    private static String fail() {
      throw new IllegalStateException("broken library");
    }
  }

  /** The first to touch the broken library: an {@link ExceptionInInitializerError}. */
  public static final class FirstOfBrokenLibrary implements Service {
    /** Made by the service loader: fails. */
    public FirstOfBrokenLibrary() {
      BrokenLibrary.NAME.length();
    }
  }

  /** The second: a {@link NoClassDefFoundError} "Could not initialize class", not an absence. */
  public static final class SecondOfBrokenLibrary implements Service {
    /** Made by the service loader: fails. */
    public SecondOfBrokenLibrary() {
      BrokenLibrary.NAME.length();
    }
  }

  /** What the service's logger was asked to log: level and message. */
  private final List<String[]> records = Collections.synchronizedList(new ArrayList<>());

  /**
   * The JDK's System.Logger goes to java.util.logging, which this module does not read: its logger
   * is reached reflectively, and a filter (an interface, so a proxy can be one) takes every record
   * and publishes none.
   */
  private Object logger;

  @TempDir Path services;

  @BeforeEach
  void listen() throws ReflectiveOperationException {
    Class<?> loggers = Class.forName("java.util.logging.Logger");
    Class<?> levels = Class.forName("java.util.logging.Level");
    Class<?> filters = Class.forName("java.util.logging.Filter");
    logger = loggers.getMethod("getLogger", String.class).invoke(null, Service.class.getName());
    Method levelOf = Class.forName("java.util.logging.LogRecord").getMethod("getLevel");
    Method messageOf = Class.forName("java.util.logging.LogRecord").getMethod("getMessage");
    Method thrownOf = Class.forName("java.util.logging.LogRecord").getMethod("getThrown");
    Object filter =
        Proxy.newProxyInstance(
            filters.getClassLoader(),
            new Class<?>[] {filters},
            (proxy, method, arguments) -> {
              switch (method.getName()) {
                case "equals":
                  return proxy == arguments[0];
                case "hashCode":
                  return System.identityHashCode(proxy);
                case "toString":
                  return "the records of " + Service.class.getName();
                default:
                  break;
              }
              Object record = arguments[0];
              records.add(
                  new String[] {
                    levelOf.invoke(record).toString(),
                    (String) messageOf.invoke(record),
                    String.valueOf(thrownOf.invoke(record) != null)
                  });
              return false;
            });
    loggers.getMethod("setLevel", levels).invoke(logger, levels.getField("ALL").get(null));
    loggers.getMethod("setFilter", filters).invoke(logger, filter);
  }

  @AfterEach
  void stopListening() throws ReflectiveOperationException {
    Class<?> loggers = logger.getClass();
    loggers
        .getMethod("setFilter", Class.forName("java.util.logging.Filter"))
        .invoke(logger, (Object) null);
    loggers
        .getMethod("setLevel", Class.forName("java.util.logging.Level"))
        .invoke(logger, (Object) null);
  }

  @Test
  void aProviderWhoseLibraryIsAbsentIsLeftOutQuietly() throws IOException {
    List<Service> found = load(Plain.class, NeedsLibrary.class, ExtendsLibrary.class);

    assertEquals(List.of(Plain.class.getName()), names(found));
    assertEquals(List.of(), messagesAt("WARNING"));
    String absence =
        "a Service is left out: it needs "
            + Library.class.getName()
            + ", which is not there (its library is not on the class path)";
    assertEquals(List.of(absence, absence), messagesAt("FINE"));
  }

  @Test
  void aProviderThatFailsOtherwiseIsLeftOutWithAWarning() throws IOException {
    List<Service> found =
        load(
            Throws.class,
            Plain.class,
            FirstOfBrokenLibrary.class,
            SecondOfBrokenLibrary.class,
            "dev.asyncdsl.internal.registry.NoSuchProvider");

    assertEquals(List.of(Plain.class.getName()), names(found));
    String warning = "a Service could not be loaded and is left out";
    // The provider that throws, each of the broken library's two, the class that is not there.
    assertEquals(List.of(warning, warning, warning, warning), messagesAt("WARNING"));
    assertEquals(List.of(), messagesAt("FINE"));
  }

  @Test
  void aClassThatCouldNotBeInitialisedIsNoAbsence() {
    NoClassDefFoundError uninitialised =
        new NoClassDefFoundError("Could not initialize class com.example.Broken");
    assertEquals(null, Providers.absentClass(uninitialised));
    assertEquals(
        "com.example.Absent",
        Providers.absentClass(
            new java.util.ServiceConfigurationError(
                "could not be instantiated", new NoClassDefFoundError("com/example/Absent"))));
    assertEquals(null, Providers.absentClass(new IllegalStateException("other")));
  }

  /** Reads a service file naming {@code providers} with the hiding class loader. */
  private List<Service> load(Object... providers) throws IOException {
    StringBuilder file = new StringBuilder();
    for (Object provider : providers) {
      file.append(provider instanceof Class<?> type ? type.getName() : provider).append('\n');
    }
    Path serviceFile = services.resolve(Service.class.getName());
    Files.writeString(serviceFile, file);
    HidingLoader loader =
        new HidingLoader(getClass().getClassLoader(), serviceFile.toUri().toURL());
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      return new Providers<>(Service.class, new Service[0]).list();
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  private static List<String> names(List<Service> found) {
    return found.stream().map(provider -> provider.getClass().getName()).toList();
  }

  /** The messages logged at {@code level} (java.util.logging's name), each with its cause. */
  private List<String> messagesAt(String level) {
    synchronized (records) {
      assertTrue(records.stream().allMatch(record -> record[2].equals("true")));
      return records.stream()
          .filter(record -> record[0].equals(level))
          .map(record -> record[1])
          .toList();
    }
  }

  /**
   * Defines the providers and libraries of this test itself (so that their links go through it),
   * hides {@link Library} as an absent jar would, and serves one service file for {@link Service}.
   */
  private static final class HidingLoader extends ClassLoader {
    private static final Set<String> OWN =
        Set.of(
            NeedsLibrary.class.getName(),
            ExtendsLibrary.class.getName(),
            Plain.class.getName(),
            Throws.class.getName(),
            BrokenLibrary.class.getName(),
            FirstOfBrokenLibrary.class.getName(),
            SecondOfBrokenLibrary.class.getName());

    private final URL serviceFile;

    HidingLoader(ClassLoader parent, URL serviceFile) {
      super(parent);
      this.serviceFile = serviceFile;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.equals(Library.class.getName())) {
        throw new ClassNotFoundException(name);
      }
      if (!OWN.contains(name)) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded != null) {
          return loaded;
        }
        try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
          byte[] bytes = in.readAllBytes();
          return defineClass(name, bytes, 0, bytes.length);
        } catch (IOException unreadable) {
          throw new ClassNotFoundException(name, unreadable);
        }
      }
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      if (name.equals("META-INF/services/" + Service.class.getName())) {
        return Collections.enumeration(List.of(serviceFile));
      }
      return super.getResources(name);
    }
  }
}
