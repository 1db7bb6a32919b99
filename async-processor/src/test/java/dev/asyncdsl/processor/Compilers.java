package dev.asyncdsl.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/** The compilers the processor's tests run, and ways to read what they generated. */
final class Compilers {
  private Compilers() {}

  /** javac with the processor, under the strictest lint a user may build with. */
  static Compiler strict() {
    return Compiler.javac()
        .withProcessors(new AsyncProcessor())
        .withOptions("-Xlint:all", "-Werror");
  }

  /** javac with the processor and all lint, warnings left as warnings: for the WARNING kinds. */
  static Compiler lenient() {
    return Compiler.javac().withProcessors(new AsyncProcessor()).withOptions("-Xlint:all");
  }

  /**
   * The test's own class path plus {@code directory}, after compiling {@code sources} into it
   * without the processor: types a compilation finds as class files, not as sources.
   */
  static List<File> classPathWithCompiled(Path directory, JavaFileObject... sources) {
    Compilation compiled = Compiler.javac().withProcessors().compile(sources);
    assertEquals(
        Compilation.Status.SUCCESS, compiled.status(), () -> compiled.diagnostics().toString());
    try {
      for (JavaFileObject classFile : compiled.generatedFiles()) {
        if (classFile.getKind() == JavaFileObject.Kind.CLASS) {
          // compile-testing names its in-memory outputs mem:///CLASS_OUTPUT/<package path>.class
          String path = classFile.toUri().getPath();
          String outputRoot = "/" + StandardLocation.CLASS_OUTPUT.getName() + "/";
          assertTrue(path.startsWith(outputRoot), path);
          Path target = directory.resolve(path.substring(outputRoot.length()));
          Files.createDirectories(target.getParent());
          Files.write(target, bytes(classFile));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<File> classPath = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      classPath.add(new File(entry));
    }
    classPath.add(directory.toFile());
    return classPath;
  }

  /**
   * The class {@code qualifiedName} of a successful compilation, loaded with every class it
   * compiled; the test's own class path (the runtime) serves the rest.
   */
  static Class<?> load(Compilation compilation, String qualifiedName)
      throws ClassNotFoundException {
    java.util.Map<String, byte[]> classes = new java.util.HashMap<>();
    String outputRoot = "/" + StandardLocation.CLASS_OUTPUT.getName() + "/";
    for (JavaFileObject file : compilation.generatedFiles()) {
      String path = file.toUri().getPath();
      if (file.getKind() == JavaFileObject.Kind.CLASS && path.startsWith(outputRoot)) {
        String name = path.substring(outputRoot.length(), path.length() - ".class".length());
        classes.put(name.replace('/', '.'), bytes(file));
      }
    }
    ClassLoader loader =
        new ClassLoader(Compilers.class.getClassLoader()) {
          @Override
          protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] code = classes.get(name);
            if (code == null) {
              throw new ClassNotFoundException(name);
            }
            return defineClass(name, code, 0, code.length);
          }
        };
    return loader.loadClass(qualifiedName);
  }

  /** The text of a generated source file, which must exist. */
  static String generated(Compilation compilation, String qualifiedName) {
    Optional<JavaFileObject> file = compilation.generatedSourceFile(qualifiedName);
    assertTrue(
        file.isPresent(),
        () -> qualifiedName + " was not generated; generated: " + generatedNames(compilation));
    return new String(bytes(file.get()), StandardCharsets.UTF_8);
  }

  static byte[] bytes(JavaFileObject file) {
    try (InputStream in = file.openInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The simple file names of the generated sources, sorted. */
  static List<String> generatedNames(Compilation compilation) {
    return compilation.generatedSourceFiles().stream()
        .map(file -> file.toUri().getPath())
        .map(path -> path.substring(path.lastIndexOf('/') + 1))
        .sorted()
        .collect(Collectors.toList());
  }

  /**
   * The qualified names of the sources the processor wrote when compiling {@code compilation}'s
   * sources with its options, even when the compilation failed (compile-testing hides generated
   * files then). Compiles once more, with plain javac and in memory.
   */
  static List<String> writtenSources(Compilation compilation) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> written = new ArrayList<>();
    try (StandardJavaFileManager standard =
            javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
        JavaFileManager recording = new RecordingFileManager(standard, written)) {
      JavaCompiler.CompilationTask task =
          javac.getTask(
              new StringWriter(),
              recording,
              diagnostic -> {},
              compilation.compiler().options(),
              null,
              compilation.sourceFiles());
      task.setProcessors(List.of(new AsyncProcessor()));
      task.call();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Collections.sort(written);
    return written;
  }

  static void assertNotGenerated(Compilation compilation, String qualifiedName) {
    if (compilation.status() == Compilation.Status.SUCCESS) {
      assertTrue(
          compilation.generatedSourceFile(qualifiedName).isEmpty(),
          () -> qualifiedName + " should not have been generated");
    } else {
      assertFalse(
          writtenSources(compilation).contains(qualifiedName),
          () -> qualifiedName + " should not have been generated");
    }
  }

  static void assertNothingGenerated(Compilation compilation) {
    if (compilation.status() == Compilation.Status.SUCCESS) {
      assertEquals(List.of(), generatedNames(compilation), "generated sources");
    } else {
      assertEquals(List.of(), writtenSources(compilation), "generated sources");
    }
  }

  /** Keeps every output in memory, and notes the names of the sources a processor creates. */
  private static final class RecordingFileManager
      extends ForwardingJavaFileManager<StandardJavaFileManager> {
    private final List<String> written;

    RecordingFileManager(StandardJavaFileManager standard, List<String> written) {
      super(standard);
      this.written = written;
    }

    @Override
    public JavaFileObject getJavaFileForOutput(
        Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
      if (location == StandardLocation.SOURCE_OUTPUT) {
        written.add(className);
      }
      return new InMemoryFile(location.getName() + "/" + className, kind);
    }

    @Override
    public boolean isSameFile(FileObject a, FileObject b) {
      return a.toUri().equals(b.toUri());
    }
  }

  private static final class InMemoryFile extends SimpleJavaFileObject {
    private final ByteArrayOutputStream content = new ByteArrayOutputStream();

    InMemoryFile(String path, Kind kind) {
      super(URI.create("mem:///" + path.replace('.', '/') + kind.extension), kind);
    }

    @Override
    public OutputStream openOutputStream() {
      content.reset();
      return content;
    }

    @Override
    public Writer openWriter() {
      return new OutputStreamWriter(openOutputStream(), StandardCharsets.UTF_8);
    }

    @Override
    public InputStream openInputStream() {
      return new ByteArrayInputStream(content.toByteArray());
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return new String(content.toByteArray(), StandardCharsets.UTF_8);
    }
  }
}
