package dev.asyncdsl.processor.annotation;

import java.util.List;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.type.TypeMirror;

/**
 * A {@code Class<? extends Throwable>[]} member, such as {@code retryOn}.
 *
 * @param name the member's name, as messages write it
 * @param classes the classes it names, written or by default, in the order written
 * @param at the member as written; null when left to its default
 */
public record ClassList(String name, List<TypeMirror> classes, AnnotationValue at) {
  public ClassList {
    classes = List.copyOf(classes);
  }

  /**
   * The entry naming {@code type}, to report on; the whole member if it cannot be told apart (null
   * when the member was left to its default).
   */
  public AnnotationValue entryNaming(TypeMirror type) {
    if (at != null && at.getValue() instanceof List<?> list) {
      for (Object item : list) {
        AnnotationValue entry = (AnnotationValue) item;
        if (entry.getValue() instanceof TypeMirror named
            && named.toString().equals(type.toString())) {
          return entry;
        }
      }
    }
    return at;
  }
}
