package dev.asyncdsl.processor.validation;

import dev.asyncdsl.processor.annotation.AnnotationReader;
import dev.asyncdsl.processor.annotation.ClassList;
import dev.asyncdsl.processor.annotation.FallbackAnnotation;
import dev.asyncdsl.processor.diagnostic.Message;
import dev.asyncdsl.processor.diagnostic.Report;
import dev.asyncdsl.processor.element.Deprecation;
import dev.asyncdsl.processor.element.Inspector;
import dev.asyncdsl.processor.element.Nesting;
import dev.asyncdsl.processor.element.ReturnShape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.util.ElementFilter;

/**
 * Checks a {@code @Fallback}: a failure test that can match, and a method it names that the twin
 * can call instead of each method the annotation applies to.
 */
final class FallbackValidator extends AnnotationValidator<FallbackAnnotation> {
  FallbackValidator(Inspector inspector) {
    super(inspector, AnnotationReader.FALLBACK);
  }

  @Override
  void checkValues(FallbackAnnotation fallback, String twinPackage, Report report) {
    checkFailureClasses(
        fallback, fallback.failures(), "the fallback never runs", twinPackage, report);
  }

  /**
   * The fallback method of each of the {@code included} methods of {@code type} that a
   * {@code @Fallback} applies to, its problems reported. A type's {@code @Fallback} must fit each
   * method it applies to: the twin cannot yet leave a method whose only policy it is without one.
   */
  Map<ExecutableElement, ExecutableElement> findFallbacks(
      TypeElement type, List<ExecutableElement> included, String twinPackage, Report report) {
    Map<ExecutableElement, ExecutableElement> fallbacks = new LinkedHashMap<>();
    for (ExecutableElement method : included) {
      reader()
          .applying(elements, method)
          .flatMap(fallback -> findFallback(type, method, fallback, twinPackage, report))
          .ifPresent(found -> fallbacks.put(method, found));
    }
    return fallbacks;
  }

  private List<ExecutableElement> named(TypeElement type, String name) {
    List<ExecutableElement> named = new ArrayList<>();
    for (ExecutableElement member : ElementFilter.methodsIn(elements.getAllMembers(type))) {
      if (member.getSimpleName().contentEquals(name)) {
        named.add(member);
      }
    }
    return named;
  }

  /**
   * The method {@code @Fallback} names for {@code method}: fitting parameters (the method's, then
   * optionally the failure) and a result the twin can return. Of several that fit, one taking a
   * failure that every class {@code applyOn} lets through can be, else one without the failure; the
   * first of them the twin can call is used, or the first one's problem reported.
   */
  private Optional<ExecutableElement> findFallback(
      TypeElement type,
      ExecutableElement method,
      FallbackAnnotation annotation,
      String twinPackage,
      Report report) {
    Element holder = annotation.holder();
    AnnotationMirror fallback = annotation.mirror();
    String name = annotation.method().value();
    if (name == null) {
      // @Fallback without its required member: javac reports that, and it fails the build.
      return Optional.empty();
    }
    AnnotationValue at = annotation.method().at();
    String described = TwinValidator.describe(method);
    if (!SourceVersion.isIdentifier(name) || SourceVersion.isKeyword(name)) {
      report.add(
          Message.FALLBACK_METHOD_NAME_INVALID,
          holder,
          fallback,
          at,
          name,
          described,
          candidatesText(type, method, method.getSimpleName() + "Fallback"));
      return Optional.empty();
    }
    List<ExecutableElement> named = named(type, name);
    if (named.isEmpty()) {
      report.add(
          Message.FALLBACK_METHOD_NOT_FOUND,
          holder,
          fallback,
          at,
          name,
          described,
          type.getSimpleName(),
          name,
          candidatesText(type, method, name));
      return Optional.empty();
    }
    int own = method.getParameters().size();
    List<FallbackSignature> fitting = new ArrayList<>();
    List<ExecutableElement> fittingMethods = new ArrayList<>();
    for (ExecutableElement candidate : named) {
      Optional<FallbackSignature> signature = signature(type, candidate, method);
      if (signature.isPresent() && takesParameters(signature.get(), candidate, own)) {
        fitting.add(signature.get());
        fittingMethods.add(candidate);
      }
    }
    if (fitting.isEmpty()) {
      if (!reportAlmostFitting(type, method, holder, fallback, at, named, report)) {
        String parameters = parameterList(method);
        report.add(
            Message.FALLBACK_PARAMETERS_MISMATCH,
            holder,
            fallback,
            at,
            name,
            described,
            name + "(" + parameters + ")",
            name + "(" + (parameters.isEmpty() ? "" : parameters + ", ") + "Throwable)",
            type.getSimpleName(),
            String.join(", ", named.stream().map(TwinValidator::describe).toList()));
      }
      return Optional.empty();
    }
    ClassList applyOn = annotation.failures().matching();
    // Taking every failure applyOn lets through, then without the failure, then too narrow.
    List<Integer> order = new ArrayList<>();
    for (int pass = 0; pass < 3; pass++) {
      for (int i = 0; i < fitting.size(); i++) {
        boolean takesFailure = fittingMethods.get(i).getParameters().size() > own;
        boolean wide =
            !takesFailure || narrowerThan(fitting.get(i), own, applyOn.classes()).isEmpty();
        if (pass == 0 ? takesFailure && wide : pass == 1 ? !takesFailure : !wide) {
          order.add(i);
        }
      }
    }
    Report first = null;
    for (int i : order) {
      Report problems = new Report();
      checkCallable(
          method,
          holder,
          fallback,
          at,
          fittingMethods.get(i),
          fitting.get(i),
          applyOn,
          twinPackage,
          problems);
      if (problems.isClean()) {
        ExecutableElement chosen = fittingMethods.get(i);
        warnIfDeprecated(method, holder, fallback, at, chosen, report);
        return Optional.of(chosen);
      }
      if (first == null) {
        first = problems;
      }
    }
    report.addAll(first);
    return Optional.empty();
  }

  /** Reports why {@code chosen}, whose parameters fit, cannot stand in for {@code method}. */
  private void checkCallable(
      ExecutableElement method,
      Element holder,
      AnnotationMirror fallback,
      AnnotationValue at,
      ExecutableElement chosen,
      FallbackSignature signature,
      ClassList applyOn,
      String twinPackage,
      Report report) {
    String described = TwinValidator.describe(method);
    int own = method.getParameters().size();
    Set<Modifier> modifiers = chosen.getModifiers();
    TypeElement declaring = (TypeElement) chosen.getEnclosingElement();
    boolean otherPackage = !inspector.visibility().packageName(declaring).equals(twinPackage);
    if (modifiers.contains(Modifier.PRIVATE)
        || (otherPackage && !modifiers.contains(Modifier.PUBLIC))) {
      String access =
          modifiers.contains(Modifier.PRIVATE)
              ? "private"
              : (modifiers.contains(Modifier.PROTECTED) ? "protected" : "package-private")
                  + " in "
                  + declaring.getSimpleName()
                  + " of package "
                  + inspector.visibility().packageName(declaring);
      report.add(
          Message.FALLBACK_METHOD_INACCESSIBLE,
          holder,
          fallback,
          at,
          TwinValidator.describe(chosen),
          access,
          twinPackage,
          otherPackage ? "public" : "package-private or public");
      return;
    }
    if (method.getModifiers().contains(Modifier.STATIC) && !modifiers.contains(Modifier.STATIC)) {
      report.add(
          Message.FALLBACK_NOT_STATIC,
          holder,
          fallback,
          at,
          TwinValidator.describe(chosen),
          described,
          TwinValidator.describe(chosen));
      return;
    }
    if (!returnFits(signature, method)) {
      TypeMirror wanted = signature.methodReturnType();
      report.add(
          Message.FALLBACK_RETURN_TYPE_MISMATCH,
          holder,
          fallback,
          at,
          TwinValidator.describe(chosen),
          signature.returnType(),
          wanted,
          described,
          wanted.getKind().isPrimitive()
              ? wanted + " or " + types.boxedClass((PrimitiveType) wanted).getSimpleName()
              : wanted + " (or a subtype)");
      return;
    }
    Optional<TypeMirror> uncaught = narrowerThan(signature, own, applyOn.classes());
    if (chosen.getParameters().size() > own && uncaught.isPresent()) {
      TypeMirror failure = signature.parameter(own);
      AnnotationValue entry = applyOn.entryNaming(uncaught.get());
      report.add(
          Message.FALLBACK_FAILURE_TOO_NARROW,
          holder,
          fallback,
          entry == null ? at : entry,
          TwinValidator.describe(chosen),
          simpleName(failure),
          entry == null ? " (by default " + simpleName(uncaught.get()) + ")" : "",
          simpleName(uncaught.get()),
          simpleName(uncaught.get()),
          simpleName(failure));
    }
  }

  /**
   * A deprecated fallback warns where javac would warn on the call written in {@code method}: not
   * when both are in one outermost class, nor when {@code method} suppresses the warning or, for a
   * plain deprecation, is itself deprecated. The twin's call never warns.
   */
  private void warnIfDeprecated(
      ExecutableElement method,
      Element holder,
      AnnotationMirror fallback,
      AnnotationValue at,
      ExecutableElement chosen,
      Report report) {
    if (!elements.isDeprecated(chosen)
        || Nesting.outermost(chosen).equals(Nesting.outermost(method))) {
      return;
    }
    boolean removal = Deprecation.isForRemoval(chosen);
    String key = removal ? "removal" : "deprecation";
    if (Deprecation.suppresses(method, key)
        || (!removal && inspector.deprecation().isInDeprecatedContext(method))) {
      return;
    }
    report.add(
        Message.FALLBACK_DEPRECATED,
        holder,
        fallback,
        at,
        TwinValidator.describe(chosen),
        removal ? " for removal" : "",
        key,
        TwinValidator.describe(method));
  }

  /**
   * The candidate as the twin would call it; empty when it cannot take the method's parameters
   * (another number of them, or of type variables).
   */
  private Optional<FallbackSignature> signature(
      TypeElement type, ExecutableElement candidate, ExecutableElement method) {
    int own = method.getParameters().size();
    int count = candidate.getParameters().size();
    if ((count != own && count != own + 1)
        || candidate.getTypeParameters().size() != method.getTypeParameters().size()) {
      return Optional.empty();
    }
    return Optional.of(
        new FallbackSignature(types, (DeclaredType) type.asType(), method, candidate));
  }

  /**
   * The method's parameters, of the very same types, then optionally the failure, a {@code
   * Throwable}; and type variables that accept the method's.
   */
  private boolean takesParameters(
      FallbackSignature signature, ExecutableElement candidate, int own) {
    for (int i = 0; i < own; i++) {
      if (!types.isSameType(signature.methodParameter(i), signature.parameter(i))) {
        return false;
      }
    }
    if (signature.rejectedTypeVariable().isPresent()) {
      return false;
    }
    return candidate.getParameters().size() == own || isFailureType(signature.parameter(own));
  }

  private boolean isFailureType(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        && types.isSubtype(type, elements.getTypeElement("java.lang.Throwable").asType());
  }

  /**
   * When a candidate has the method's parameters but for their type arguments or its type
   * variables' bounds, reports what differs and returns true.
   */
  private boolean reportAlmostFitting(
      TypeElement type,
      ExecutableElement method,
      Element holder,
      AnnotationMirror fallback,
      AnnotationValue at,
      List<ExecutableElement> named,
      Report report) {
    int own = method.getParameters().size();
    for (ExecutableElement candidate : named) {
      Optional<FallbackSignature> found = signature(type, candidate, method);
      if (found.isEmpty()) {
        continue;
      }
      FallbackSignature signature = found.get();
      boolean erasedSame = true;
      for (int i = 0; i < own && erasedSame; i++) {
        erasedSame =
            types.isSameType(
                types.erasure(signature.methodParameter(i)), types.erasure(signature.parameter(i)));
      }
      if (!erasedSame
          || (candidate.getParameters().size() > own && !isFailureType(signature.parameter(own)))) {
        continue;
      }
      Optional<Integer> rejected = signature.rejectedTypeVariable();
      if (rejected.isPresent()) {
        report.add(
            Message.FALLBACK_TYPE_VARIABLES_DIFFER,
            holder,
            fallback,
            at,
            TwinValidator.describe(candidate),
            typeVariables(signature.typeVariables()),
            signature.methodTypeVariables().get(rejected.get()),
            TwinValidator.describe(method),
            TwinValidator.describe(method),
            typeVariables(signature.methodTypeVariables()));
        return true;
      }
      for (int i = 0; i < own; i++) {
        if (!types.isSameType(signature.methodParameter(i), signature.parameter(i))) {
          report.add(
              Message.FALLBACK_PARAMETER_TYPES_DIFFER,
              holder,
              fallback,
              at,
              TwinValidator.describe(candidate),
              candidate.getParameters().get(i).asType(),
              TwinValidator.describe(method),
              signature.methodParameter(i),
              signature.methodParameter(i));
          return true;
        }
      }
    }
    return false;
  }

  /** {@code <T extends java.lang.Number, U>}. */
  private static String typeVariables(List<? extends TypeVariable> variables) {
    List<String> declared = new ArrayList<>();
    for (TypeVariable variable : variables) {
      List<String> bounds = new ArrayList<>();
      for (TypeMirror bound : FallbackSignature.bounds(variable.getUpperBound())) {
        if (!bound.toString().equals("java.lang.Object")) {
          bounds.add(bound.toString());
        }
      }
      declared.add(variable + (bounds.isEmpty() ? "" : " extends " + String.join(" & ", bounds)));
    }
    return "<" + String.join(", ", declared) + ">";
  }

  /** The first class of {@code applyOn} the failure parameter of {@code candidate} cannot take. */
  private Optional<TypeMirror> narrowerThan(
      FallbackSignature signature, int own, List<TypeMirror> applyOn) {
    if (signature.parameterCount() <= own) {
      return Optional.empty();
    }
    TypeMirror failure = signature.parameter(own);
    return applyOn.stream().filter(applied -> !types.isAssignable(applied, failure)).findFirst();
  }

  /**
   * Whether the twin's fallback lambda can return what the candidate returns: the method's boxed
   * result for a value (a {@code long} method takes no {@code int}, which would box to {@code
   * Integer}), a stage of it for a stage, anything for {@code void}. Subtyping, not assignment: an
   * unchecked conversion would warn in the twin.
   */
  private boolean returnFits(FallbackSignature signature, ExecutableElement method) {
    ReturnShape shape = inspector.methodShapes().returnShape(method);
    if (shape instanceof ReturnShape.NoValue) {
      return true; // whatever the fallback returns is dropped
    }
    TypeMirror given = boxed(signature.returnType());
    if (given.getKind() == TypeKind.VOID) {
      return false;
    }
    if (shape instanceof ReturnShape.Relay relay) {
      TypeElement stage = elements.getTypeElement("java.util.concurrent.CompletionStage");
      return types.isSubtype(
          given,
          types.getDeclaredType(stage, types.getWildcardType(boxed(relay.resultType()), null)));
    }
    return types.isSubtype(given, boxed(signature.methodReturnType()));
  }

  private TypeMirror boxed(TypeMirror type) {
    return type.getKind().isPrimitive() ? types.boxedClass((PrimitiveType) type).asType() : type;
  }

  /** What to name or declare instead of the missing {@code name}. */
  private String candidatesText(TypeElement type, ExecutableElement method, String name) {
    List<String> found = new ArrayList<>();
    for (ExecutableElement member : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (!member.equals(method)
          && !member.getModifiers().contains(Modifier.PRIVATE)
          && (!method.getModifiers().contains(Modifier.STATIC)
              || member.getModifiers().contains(Modifier.STATIC))
          && fits(type, member, method)) {
        found.add(TwinValidator.describe(member));
      }
    }
    return found.isEmpty()
        ? "declare "
            + name
            + "("
            + parameterList(method)
            + "), optionally followed by a Throwable"
            + " parameter for the failure"
        : "name one that would fit: " + String.join(", ", found);
  }

  private boolean fits(TypeElement type, ExecutableElement member, ExecutableElement method) {
    Optional<FallbackSignature> signature = signature(type, member, method);
    return signature.isPresent()
        && takesParameters(signature.get(), member, method.getParameters().size())
        && returnFits(signature.get(), method);
  }

  private static String parameterList(ExecutableElement method) {
    String described = TwinValidator.describe(method);
    return described.substring(described.indexOf('(') + 1, described.length() - 1);
  }
}
