package dev.asyncdsl.processor.annotation;

import dev.asyncdsl.processor.element.Annotations;
import dev.asyncdsl.processor.element.RuntimeNames;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Finds one of asyncdsl's annotations on an element and reads it, once, into its record: the one
 * place that knows which record an annotation type has. Like MapStruct's gems, the records keep
 * each member's value and where it was written, so validation and the model ask them, not the
 * mirror.
 */
public final class AnnotationReader<A extends PolicyAnnotation> {
  public static final AnnotationReader<TimeoutAnnotation> TIMEOUT =
      new AnnotationReader<>(RuntimeNames.TIMEOUT, TimeoutAnnotation::read);
  public static final AnnotationReader<RetryAnnotation> RETRY =
      new AnnotationReader<>(RuntimeNames.RETRY, RetryAnnotation::read);
  public static final AnnotationReader<FallbackAnnotation> FALLBACK =
      new AnnotationReader<>(RuntimeNames.FALLBACK, FallbackAnnotation::read);
  public static final AnnotationReader<BulkheadAnnotation> BULKHEAD =
      new AnnotationReader<>(RuntimeNames.BULKHEAD, BulkheadAnnotation::read);
  public static final AnnotationReader<CircuitBreakerAnnotation> CIRCUIT_BREAKER =
      new AnnotationReader<>(RuntimeNames.CIRCUIT_BREAKER, CircuitBreakerAnnotation::read);

  public static final AnnotationReader<DurableAnnotation> DURABLE =
      new AnnotationReader<>(RuntimeNames.DURABLE, DurableAnnotation::read);

  /** The fault-tolerance policies, in the order they wrap the method, outermost first. */
  public static final List<AnnotationReader<?>> POLICIES =
      List.of(FALLBACK, RETRY, CIRCUIT_BREAKER, BULKHEAD);

  /** How a record is made of an annotation's members. */
  private interface Read<A> {
    A read(MemberReader members);
  }

  private final String qualifiedName;
  private final Read<A> read;

  private AnnotationReader(String qualifiedName, Read<A> read) {
    this.qualifiedName = qualifiedName;
    this.read = read;
  }

  public String qualifiedName() {
    return qualifiedName;
  }

  /** The simple name, as messages write the annotation: {@code Retry}. */
  public String simpleName() {
    return qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
  }

  /** The annotation written on {@code element}, unread: enough to report that it is misplaced. */
  public Optional<AnnotationMirror> mirrorOn(Element element) {
    return Annotations.annotation(element, qualifiedName);
  }

  /** The annotation written on {@code element}, read. */
  public Optional<A> on(Elements elements, Element element) {
    return mirrorOn(element).map(mirror -> read(elements, element, mirror));
  }

  /** Reads {@code mirror}, found on {@code holder}. */
  public A read(Elements elements, Element holder, AnnotationMirror mirror) {
    return read.read(new MemberReader(elements, holder, mirror));
  }

  /** The annotation that applies to {@code method}: its own, else its type's. */
  public Optional<A> applying(Elements elements, ExecutableElement method) {
    Optional<A> own = on(elements, method);
    return own.isPresent() ? own : on(elements, method.getEnclosingElement());
  }

  /** Whether this annotation applies to {@code method}, on it or on its type. */
  public boolean applies(ExecutableElement method) {
    return mirrorOn(method).isPresent() || mirrorOn(method.getEnclosingElement()).isPresent();
  }

  /** Whether any policy applies to {@code method}. */
  public static boolean anyPolicyApplies(ExecutableElement method) {
    return POLICIES.stream().anyMatch(policy -> policy.applies(method));
  }

  /**
   * Whether the values of the annotations on {@code element} can be read: a class in {@code
   * retryOn} generated later in this build, or a constant not yet computed, has no value yet.
   */
  public static boolean isResolved(Element element) {
    Optional<AnnotationMirror> timeout = TIMEOUT.mirrorOn(element);
    if (timeout.isPresent() && !TimeoutAnnotation.isResolved(timeout.get())) {
      return false;
    }
    for (AnnotationReader<?> policy : POLICIES) {
      Optional<AnnotationMirror> mirror = policy.mirrorOn(element);
      if (mirror.isEmpty()) {
        continue;
      }
      for (AnnotationValue value : mirror.get().getElementValues().values()) {
        if (!isResolved(value.getValue())) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean isResolved(Object value) {
    if (value instanceof List<?> list) {
      return list.stream().allMatch(item -> isResolved(((AnnotationValue) item).getValue()));
    }
    if (value instanceof TypeMirror type) {
      return type.getKind() != TypeKind.ERROR;
    }
    if (value instanceof String text) {
      return !text.equals("<error>");
    }
    return value instanceof Number || value instanceof VariableElement;
  }
}
