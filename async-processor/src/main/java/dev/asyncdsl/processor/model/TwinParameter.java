package dev.asyncdsl.processor.model;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.TypeName;
import java.util.List;

/**
 * A parameter of a twin method.
 *
 * @param name its name in the twin: the user's, unless that would hide a name the body uses
 * @param type its type, as declared (a varargs parameter is an array)
 * @param annotations annotations kept from the user's parameter, such as nullability
 */
public record TwinParameter(String name, TypeName type, List<AnnotationSpec> annotations) {
  public TwinParameter {
    annotations = List.copyOf(annotations);
  }
}
