package dev.asyncdsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Leaves a public method out of the twin that a type-level {@link Async} generates.
 *
 * <p>{@code @Async} on a type takes every eligible public method it declares. A method that cannot
 * have a twin (one returning a {@code Future} that is no {@code CompletionStage}, say) is left out
 * with a note on the type; {@code @NotAsync} leaves a method out on purpose, without the note. It
 * cannot be combined with {@code @Async} on the same method, and has no use in a type without
 * {@code @Async}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface NotAsync {}
