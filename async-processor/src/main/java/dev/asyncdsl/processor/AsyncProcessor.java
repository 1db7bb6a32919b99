package dev.asyncdsl.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.asyncdsl.processor.annotation.AnnotationReader;
import dev.asyncdsl.processor.diagnostic.Message;
import dev.asyncdsl.processor.element.Inspector;
import dev.asyncdsl.processor.element.Nesting;
import dev.asyncdsl.processor.element.PlannedTwins;
import dev.asyncdsl.processor.element.RuntimeNames;
import dev.asyncdsl.processor.model.JobsModelBuilder;
import dev.asyncdsl.processor.model.JobsType;
import dev.asyncdsl.processor.model.ModelBuilder;
import dev.asyncdsl.processor.model.TwinType;
import dev.asyncdsl.processor.validation.DurableValidator;
import dev.asyncdsl.processor.validation.JobsValidation;
import dev.asyncdsl.processor.validation.TwinValidator;
import dev.asyncdsl.processor.validation.Validation;
import dev.asyncdsl.processor.writer.JobsWriter;
import dev.asyncdsl.processor.writer.TwinWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Generates {@code FooAsync} for every type {@code Foo} with {@code @Async} methods, and {@code
 * FooJobs} for every type with {@code @Durable} methods.
 *
 * <p>Each round: find the types, then for each one, on its own, validate, model and write. A type
 * with errors is reported and skipped; the others go on. A type whose signatures still name missing
 * types (another processor may generate them) waits for a later round, and is reported only if they
 * never appear.
 */
@AutoService(Processor.class)
public final class AsyncProcessor extends AbstractProcessor {
  private static final String GENERATED = "javax.annotation.processing.Generated";

  /** The processor option naming the tags of warnings and notes to silence everywhere. */
  public static final String SUPPRESS_OPTION = "asyncdsl.suppress";

  private final Set<String> deferred = new TreeSet<>();
  private final Set<String> written = new TreeSet<>();
  private final java.util.Map<String, String> generatedOwners = new java.util.HashMap<>();
  private final Set<CompilationUnitTree> scannedUnits = new LinkedHashSet<>();
  private Trees trees;
  private boolean listening;

  /** Created by javac, which finds the processor through {@code META-INF/services}. */
  public AsyncProcessor() {}

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    // @Generated too: the next round sees it on the twins, and under -Xlint:all javac warns about
    // an annotation that no processor claims. Nothing is generated from it.
    return Set.of(
        RuntimeNames.ASYNC,
        RuntimeNames.TIMEOUT,
        RuntimeNames.NOT_ASYNC,
        RuntimeNames.RETRY,
        RuntimeNames.FALLBACK,
        RuntimeNames.BULKHEAD,
        RuntimeNames.CIRCUIT_BREAKER,
        RuntimeNames.DURABLE,
        GENERATED);
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(SUPPRESS_OPTION);
  }

  /**
   * The tags given to {@code -Aasyncdsl.suppress=TAG,TAG}: warnings and notes silenced everywhere.
   */
  private Set<String> suppressed() {
    String value = processingEnv.getOptions().get(SUPPRESS_OPTION);
    Set<String> tags = new TreeSet<>();
    if (value != null) {
      for (String tag : value.split(",")) {
        if (!tag.isBlank()) {
          tags.add(tag.trim());
        }
      }
    }
    return tags;
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    try {
      processRound(round);
    } catch (RuntimeException | Error unexpected) {
      processingEnv
          .getMessager()
          .printMessage(
              Diagnostic.Kind.ERROR,
              Message.INTERNAL_ERROR.format("this round", describe(unexpected)));
    }
    // Claimed so that -Xlint:processing stays quiet; no other processor acts on @Async or @Timeout.
    return true;
  }

  private void processRound(RoundEnvironment round) {
    scanForUnnamedTypes(round);
    if (round.processingOver()) {
      reportNeverResolved();
      return;
    }

    TreeMap<String, TypeElement> types = new TreeMap<>();
    for (String name : deferred) {
      TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
      if (type != null) {
        types.put(name, type);
      }
    }
    deferred.clear();
    collect(round, RuntimeNames.ASYNC, types);
    collect(round, RuntimeNames.TIMEOUT, types);
    collect(round, RuntimeNames.NOT_ASYNC, types);
    collect(round, RuntimeNames.DURABLE, types);
    for (AnnotationReader<?> policy : AnnotationReader.POLICIES) {
      collect(round, policy.qualifiedName(), types);
    }

    // Every twin this round may write, so that signatures naming one of them need not wait for it.
    PlannedTwins planned = new PlannedTwins(this::importsOf);
    for (TypeElement type : types.values()) {
      if (!written.contains(type.getQualifiedName().toString())) {
        planned.plan(
            type, processingEnv.getElementUtils().getPackageOf(type).getQualifiedName().toString());
      }
    }
    Inspector inspector =
        new Inspector(processingEnv.getElementUtils(), processingEnv.getTypeUtils(), planned);

    TwinValidator validator = new TwinValidator(inspector);
    for (TypeElement type : types.values()) {
      String name = type.getQualifiedName().toString();
      if (written.contains(name)) {
        continue;
      }
      try {
        if (validator.hasUnresolvedTypes(type)) {
          deferred.add(name);
          continue;
        }
        generate(type, validator, inspector);
      } catch (RuntimeException | Error unexpected) {
        processingEnv
            .getMessager()
            .printMessage(
                Diagnostic.Kind.ERROR,
                Message.INTERNAL_ERROR.format(name, describe(unexpected)),
                type);
      }
    }
  }

  /**
   * The last round writes nothing: javac would not process a file created then, and warns about it.
   * A type still waiting is reported if its types never resolved; one that resolved only now got
   * here because errors ended the rounds early, and those errors say what to fix.
   */
  private void reportNeverResolved() {
    Inspector inspector =
        new Inspector(processingEnv.getElementUtils(), processingEnv.getTypeUtils());
    TwinValidator validator = new TwinValidator(inspector);
    for (String name : deferred) {
      TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
      if (type != null && validator.hasUnresolvedTypes(type)) {
        boolean jobsOnly =
            inspector.methodShapes().asyncMethods(type).isEmpty()
                && !inspector.methodShapes().durableMethods(type).isEmpty();
        processingEnv
            .getMessager()
            .printMessage(
                Diagnostic.Kind.ERROR,
                jobsOnly
                    ? Message.UNRESOLVED_TYPES.format("the jobs class", name, "@Durable")
                    : Message.UNRESOLVED_TYPES.format("the twin", name, "@Async"),
                type);
      }
    }
    deferred.clear();
  }

  private void generate(TypeElement type, TwinValidator validator, Inspector inspector) {
    Validation validation = validator.validate(type);
    validation.report().printTo(processingEnv.getMessager(), suppressed());
    JobsValidation jobs = new DurableValidator(inspector).validate(type);
    jobs.report().printTo(processingEnv.getMessager(), suppressed());
    written.add(type.getQualifiedName().toString());
    if (validation.hasTwin()) {
      TwinType twin = new ModelBuilder(inspector).build(type, validation);
      if (claim(twin.twinName(), type)) {
        write(
            twin.twinName(),
            new TwinWriter(AsyncProcessor.class.getCanonicalName()).write(twin),
            type);
      }
    }
    // A job with policies runs through the twin: without a clean twin there are no jobs either.
    if (jobs.hasJobs() && validation.report().isClean()) {
      JobsType model = new JobsModelBuilder(inspector).build(type, jobs);
      if (claim(model.jobsName(), type)) {
        write(
            model.jobsName(),
            new JobsWriter(AsyncProcessor.class.getCanonicalName()).write(model),
            type);
      }
    }
  }

  /**
   * Whether {@code type} may write {@code generated}: p.Outer.Inner and p.Outer_Inner both map to
   * p.Outer_InnerAsync (and p.Outer_InnerJobs), and the first one keeps it.
   */
  private boolean claim(ClassName generated, TypeElement type) {
    String owner =
        generatedOwners.putIfAbsent(generated.canonicalName(), type.getQualifiedName().toString());
    if (owner == null) {
      return true;
    }
    Message message =
        generated.simpleName().endsWith("Async")
            ? Message.TWIN_NAME_TAKEN
            : Message.JOBS_NAME_TAKEN;
    processingEnv
        .getMessager()
        .printMessage(
            message.kind(),
            message.format(type.getSimpleName(), generated.canonicalName(), type.getSimpleName()),
            type);
    return false;
  }

  private void write(ClassName name, JavaFile file, TypeElement type) {
    try {
      JavaFileObject source = processingEnv.getFiler().createSourceFile(name.canonicalName(), type);
      try (Writer writer = source.openWriter()) {
        file.writeTo(writer);
      }
    } catch (IOException e) {
      processingEnv
          .getMessager()
          .printMessage(
              Diagnostic.Kind.ERROR,
              "could not write " + name.canonicalName() + ": " + e.getMessage(),
              type);
    }
  }

  /** The non-static imports of the file declaring {@code type}, as written. */
  private List<String> importsOf(TypeElement type) {
    TreePath path = trees == null ? null : trees.getPath(type);
    if (path == null) {
      return List.of();
    }
    List<String> imports = new ArrayList<>();
    for (ImportTree anImport : path.getCompilationUnit().getImports()) {
      if (!anImport.isStatic()) {
        imports.add(anImport.getQualifiedIdentifier().toString());
      }
    }
    return imports;
  }

  /** Adds the named types that hold an element annotated with {@code annotation}. */
  private void collect(
      RoundEnvironment round, String annotation, TreeMap<String, TypeElement> types) {
    TypeElement annotationType = processingEnv.getElementUtils().getTypeElement(annotation);
    if (annotationType == null) {
      return;
    }
    for (Element element : round.getElementsAnnotatedWith(annotationType)) {
      TypeElement type =
          element.getKind() == ElementKind.METHOD
              ? (TypeElement) element.getEnclosingElement()
              : (TypeElement) element;
      if (Nesting.isNamedMember(type)) {
        types.put(type.getQualifiedName().toString(), type);
      }
    }
  }

  /**
   * Reports {@code @Async} in local and anonymous classes, once per source file. Those never reach
   * {@code process} (the compiler hands processors named types only), so the check listens to the
   * compiler instead: every file it analyses is read once. Where the compiler is not javac, or
   * javac behind a wrapper, the check falls back to the files of each round.
   */
  @Override
  public synchronized void init(javax.annotation.processing.ProcessingEnvironment environment) {
    super.init(environment);
    try {
      trees = Trees.instance(environment);
      JavacTask.instance(environment)
          .addTaskListener(
              new TaskListener() {
                @Override
                public void started(TaskEvent event) {
                  if (event.getKind() == TaskEvent.Kind.ANALYZE) {
                    scanOnce(event.getCompilationUnit());
                  }
                }
              });
      listening = true;
    } catch (IllegalArgumentException | IllegalStateException notPlainJavac) {
      listening = false;
    }
  }

  private void scanForUnnamedTypes(RoundEnvironment round) {
    if (listening || trees == null) {
      return;
    }
    round.getRootElements().stream()
        .sorted(Comparator.comparing(element -> element.toString()))
        .forEach(
            element -> {
              TreePath path = trees.getPath(element);
              if (path != null) {
                scanOnce(path.getCompilationUnit());
              }
            });
  }

  private void scanOnce(CompilationUnitTree unit) {
    if (unit != null && scannedUnits.add(unit)) {
      try {
        LocalTypeScanner.scan(trees, unit);
      } catch (RuntimeException | Error unexpected) {
        processingEnv
            .getMessager()
            .printMessage(
                Diagnostic.Kind.ERROR,
                Message.INTERNAL_ERROR.format(
                    unit.getSourceFile().getName(), describe(unexpected)));
      }
    }
  }

  private static String describe(Throwable unexpected) {
    StringWriter trace = new StringWriter();
    unexpected.printStackTrace(new PrintWriter(trace));
    String[] lines = trace.toString().split("\\R");
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < Math.min(lines.length, 6); i++) {
      text.append(i == 0 ? "" : " | ").append(lines[i].trim());
    }
    return text.toString();
  }
}
