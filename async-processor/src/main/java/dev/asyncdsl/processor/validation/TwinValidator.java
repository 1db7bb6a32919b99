package dev.asyncdsl.processor.validation;

import dev.asyncdsl.processor.annotation.AnnotationReader;
import dev.asyncdsl.processor.diagnostic.Message;
import dev.asyncdsl.processor.diagnostic.Report;
import dev.asyncdsl.processor.element.Annotations;
import dev.asyncdsl.processor.element.Inspector;
import dev.asyncdsl.processor.element.MethodShapes;
import dev.asyncdsl.processor.element.Nesting;
import dev.asyncdsl.processor.element.ReturnShape;
import dev.asyncdsl.processor.element.RuntimeNames;
import dev.asyncdsl.processor.element.SignatureTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Checks one type with {@code @Async} or {@code @Timeout} in it, before anything is generated.
 * Every problem goes into the report at the element (and annotation) it is about.
 */
public final class TwinValidator {
  private final Inspector inspector;

  private final TimeoutValidator timeouts;

  private final PolicyValidator policies;

  public TwinValidator(Inspector inspector) {
    this.inspector = inspector;
    this.timeouts = new TimeoutValidator(inspector);
    this.policies = new PolicyValidator(inspector);
  }

  /** Whether the type's signatures still name types the compiler has not resolved. */
  public boolean hasUnresolvedTypes(TypeElement type) {
    for (javax.lang.model.element.TypeParameterElement parameter : type.getTypeParameters()) {
      for (TypeMirror bound : parameter.getBounds()) {
        if (SignatureTypes.hasUnresolved(bound)) {
          return true;
        }
      }
    }
    Set<ExecutableElement> methods =
        new java.util.LinkedHashSet<>(inspector.methodShapes().asyncMethods(type));
    methods.addAll(inspector.methodShapes().durableMethods(type));
    for (ExecutableElement method : methods) {
      for (javax.lang.model.element.TypeParameterElement parameter : method.getTypeParameters()) {
        for (TypeMirror bound : parameter.getBounds()) {
          if (SignatureTypes.hasUnresolved(bound)) {
            return true;
          }
        }
      }
      // A parameter or the return type may name a twin generated now: that one is known.
      List<TypeMirror> named = new ArrayList<>();
      method.getParameters().forEach(parameter -> named.add(parameter.asType()));
      named.add(method.getReturnType());
      for (TypeMirror mirror : named) {
        if (!inspector.isResolvedOrPlanned(mirror, type)) {
          return true;
        }
      }
    }
    // A @Timeout(Limits.SLOW) whose constant is not generated yet has no value to read.
    List<Element> annotated = new ArrayList<>(ElementFilter.methodsIn(type.getEnclosedElements()));
    annotated.add(type);
    for (Element element : annotated) {
      if (!AnnotationReader.isResolved(element)) {
        return true;
      }
    }
    return false;
  }

  public Validation validate(TypeElement type) {
    Report report = new Report();
    boolean wholeType = Annotations.has(type, RuntimeNames.ASYNC);
    List<ExecutableElement> methods = inspector.methodShapes().asyncMethods(type);
    Validation nothing = new Validation(report, List.of(), Set.of(), java.util.Map.of());

    if (type.getKind() == ElementKind.ANNOTATION_TYPE) {
      if (wholeType) {
        report.add(Message.ASYNC_ON_ANNOTATION_TYPE, type, type.getSimpleName());
      }
      for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
        if (Annotations.has(method, RuntimeNames.ASYNC)) {
          report.add(Message.ASYNC_ON_ANNOTATION_TYPE, method, type.getSimpleName());
        }
      }
      return nothing;
    }
    checkNotAsync(type, wholeType, report);
    timeouts.validate(type, methods, report);
    if (methods.isEmpty()) {
      policies.validate(type, methods, List.of(), report);
      if (wholeType) {
        report.add(Message.ASYNC_TYPE_WITHOUT_METHODS, type, type.getSimpleName());
      }
      return nothing;
    }
    String twinPackage = inspector.visibility().packageName(type);
    // From its own package, only a private type in the chain is out of the twin's reach.
    Optional<TypeElement> hidden = inspector.visibility().inaccessibleFrom(type, twinPackage);
    if (hidden.isPresent()) {
      Object[] arguments = {
        hidden.get().getSimpleName(), Nesting.twinSimpleName(type), hidden.get().getSimpleName()
      };
      if (wholeType) {
        report.add(Message.ASYNC_IN_PRIVATE_TYPE, type, arguments);
      }
      for (ExecutableElement method : methods) {
        if (Annotations.has(method, RuntimeNames.ASYNC)) {
          report.add(Message.ASYNC_IN_PRIVATE_TYPE, method, arguments);
        }
      }
      return nothing;
    }
    checkTypeVariables(type, report);
    // @Async on a method is strict: its problems are errors. A method only type-level @Async
    // takes is left out of the twin instead, and named in one note on the type.
    List<ExecutableElement> included = new ArrayList<>();
    List<String> leftOut = new ArrayList<>();
    for (ExecutableElement method : methods) {
      Report own = new Report();
      checkMethod(method, twinPackage, own);
      Optional<Message> error = own.firstError();
      if (error.isPresent() && !Annotations.has(method, RuntimeNames.ASYNC)) {
        leftOut.add(describe(method) + " (" + reason(error.get()) + ")");
      } else {
        report.addAll(own);
        included.add(method);
      }
    }
    if (!leftOut.isEmpty()) {
      report.add(
          Message.ASYNC_METHODS_LEFT_OUT, type, type.getSimpleName(), String.join(", ", leftOut));
    }
    java.util.Map<ExecutableElement, ExecutableElement> fallbacks =
        policies.validate(type, methods, included, report);
    Set<ExecutableElement> helpers = gatherHelpers(included, report);
    checkTwinName(type, report);
    return new Validation(report, included, helpers, fallbacks);
  }

  /** Why type-level {@code @Async} left a method out, in a few words. */
  private static String reason(Message error) {
    return switch (error) {
      case ASYNC_RETURNS_FUTURE -> "it returns a Future that is no CompletionStage";
      case ASYNC_RETURNS_RAW_STAGE -> "it returns a raw CompletionStage";
      case ASYNC_INVISIBLE_TYPE -> "its signature uses a type the twin cannot name";
      default -> "see [asyncdsl:" + error.name() + "]";
    };
  }

  private static void checkNotAsync(TypeElement type, boolean wholeType, Report report) {
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      Optional<AnnotationMirror> notAsync = Annotations.annotation(method, RuntimeNames.NOT_ASYNC);
      if (notAsync.isEmpty()) {
        continue;
      }
      if (Annotations.has(method, RuntimeNames.ASYNC)) {
        report.add(Message.ASYNC_AND_NOT_ASYNC, method, notAsync.get(), null, describe(method));
      } else if (!wholeType) {
        report.add(
            Message.NOT_ASYNC_WITHOUT_TYPE_ASYNC,
            method,
            notAsync.get(),
            null,
            describe(method),
            type.getSimpleName());
      }
    }
  }

  /**
   * The twin of an inner class declares the type variables of every enclosing instance too: two of
   * one name cannot both be declared.
   */
  private void checkTypeVariables(TypeElement type, Report report) {
    java.util.Map<String, TypeElement> declaredBy = new java.util.HashMap<>();
    for (TypeElement element : Nesting.instanceChain(type)) {
      for (javax.lang.model.element.TypeParameterElement parameter : element.getTypeParameters()) {
        String name = parameter.getSimpleName().toString();
        TypeElement outer = declaredBy.putIfAbsent(name, element);
        if (outer != null) {
          report.add(
              Message.TYPE_VARIABLE_SHADOWED,
              type,
              type.getSimpleName(),
              name,
              name,
              outer.getSimpleName());
        }
      }
    }
  }

  private void checkMethod(ExecutableElement method, String twinPackage, Report report) {
    String name = describe(method);
    if (method.getModifiers().contains(Modifier.PRIVATE)) {
      report.add(Message.ASYNC_PRIVATE_METHOD, method, name);
      return;
    }
    inspector
        .methodShapes()
        .objectMethodOverridden(method)
        .ifPresent(
            objectMethod ->
                report.add(Message.ASYNC_OBJECT_METHOD, method, name, describe(objectMethod)));
    ReturnShape shape = inspector.methodShapes().returnShape(method);
    if (shape instanceof ReturnShape.RawStage raw) {
      String stage = raw.type().asElement().getSimpleName().toString();
      report.add(Message.ASYNC_RETURNS_RAW_STAGE, method, name, stage, stage);
    } else if (shape instanceof ReturnShape.BlockingFuture future) {
      report.add(Message.ASYNC_RETURNS_FUTURE, method, name, future.type());
    }
    Set<TypeElement> hiddenTypes = new java.util.LinkedHashSet<>();
    for (TypeMirror mirror : SignatureTypes.signatureTypes(method)) {
      SignatureTypes.forEachDeclared(
          mirror,
          declared ->
              inspector
                  .visibility()
                  .inaccessibleFrom((TypeElement) declared.asElement(), twinPackage)
                  .ifPresent(hiddenTypes::add));
    }
    for (TypeElement hidden : hiddenTypes) {
      boolean isPrivate = hidden.getModifiers().contains(Modifier.PRIVATE);
      String access =
          isPrivate
              ? "private"
              : (hidden.getModifiers().contains(Modifier.PROTECTED)
                      ? "protected"
                      : "package-private")
                  + " in package "
                  + inspector.visibility().packageName(hidden);
      report.add(
          Message.ASYNC_INVISIBLE_TYPE,
          method,
          name,
          hidden.getSimpleName(),
          access,
          hidden.getSimpleName(),
          isPrivate ? "package-private or public" : "public");
    }
    if (method.getModifiers().contains(Modifier.SYNCHRONIZED)) {
      report.add(Message.ASYNC_SYNCHRONIZED, method, name);
    }
  }

  /**
   * The methods that get a gather helper. Overloads that share a name and take one parameter each
   * would get helpers with the same erasure, so they get none (documented). What remains to clash
   * is a helper against a twin method that already has its name and takes one {@code Iterable}: an
   * error when both methods are marked {@code @Async} themselves; otherwise the helper, which
   * nobody asked for by name, is not generated.
   */
  private Set<ExecutableElement> gatherHelpers(List<ExecutableElement> methods, Report report) {
    Set<ExecutableElement> helpers = new java.util.LinkedHashSet<>();
    for (ExecutableElement method : methods) {
      if (MethodShapes.hasGatherHelper(method, methods)) {
        helpers.add(method);
      }
    }
    TypeMirror iterable =
        inspector
            .types()
            .erasure(inspector.elements().getTypeElement("java.lang.Iterable").asType());
    for (ExecutableElement method : methods) {
      String methodName = method.getSimpleName().toString();
      if (method.getParameters().size() != 1 || !methodName.endsWith("All")) {
        continue;
      }
      String ownerName = methodName.substring(0, methodName.length() - "All".length());
      TypeMirror parameter = inspector.types().erasure(method.getParameters().get(0).asType());
      if (!inspector.types().isSameType(parameter, iterable)) {
        continue;
      }
      for (ExecutableElement owner : List.copyOf(helpers)) {
        if (!owner.getSimpleName().contentEquals(ownerName)) {
          continue;
        }
        if (Annotations.has(owner, RuntimeNames.ASYNC)
            && Annotations.has(method, RuntimeNames.ASYNC)) {
          report.add(Message.GATHER_HELPER_CLASH, method, describe(method), methodName, ownerName);
        } else {
          helpers.remove(owner);
        }
      }
    }
    return helpers;
  }

  private void checkTwinName(TypeElement type, Report report) {
    String packageName = inspector.visibility().packageName(type);
    String twinName = Nesting.twinSimpleName(type);
    String qualified = packageName.isEmpty() ? twinName : packageName + "." + twinName;
    Optional<TypeElement> existing = inspector.packageTypes().typeInPackageOf(type, twinName);
    // A twin from an earlier build can still be on the class path: that one is ours to replace.
    if (existing.isPresent() && !generatedByUs(existing.get())) {
      report.add(
          Message.TWIN_NAME_TAKEN, type, type.getSimpleName(), qualified, type.getSimpleName());
    }
  }

  static boolean generatedByUs(TypeElement type) {
    return Annotations.annotation(type, "javax.annotation.processing.Generated")
        .map(
            mirror ->
                mirror.getElementValues().values().toString().contains(RuntimeNames.PROCESSOR))
        .orElse(false);
  }

  /** {@code fetch(String, int)}: how messages name a method. */
  static String describe(ExecutableElement method) {
    StringBuilder text = new StringBuilder(method.getSimpleName()).append('(');
    for (int i = 0; i < method.getParameters().size(); i++) {
      if (i > 0) {
        text.append(", ");
      }
      TypeMirror type = method.getParameters().get(i).asType();
      text.append(
          type instanceof DeclaredType declared
              ? declared.asElement().getSimpleName().toString()
              : type.toString());
    }
    return text.append(')').toString();
  }
}
