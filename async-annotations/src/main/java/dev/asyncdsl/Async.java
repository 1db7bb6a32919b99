package dev.asyncdsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a blocking method to be given a {@code CompletableFuture} twin at compile time.
 *
 * <p>For a type {@code p.Foo} holding {@code @Async} methods, the asyncdsl processor generates
 * {@code p.FooAsync} (a nested {@code p.Outer.Inner} gets {@code p.Outer_InnerAsync}). Each
 * {@code @Async} method {@code R m(P...)} becomes {@code CompletableFuture<R> m(P...)} there,
 * running the original on an executor: instance methods on the twin's executor, static methods on
 * {@link AsyncRuntime#defaultExecutor()}. A method with exactly one parameter also gets {@code
 * mAll(Iterable<? extends P>)}, which runs it for every input at once and gathers the results in
 * input order.
 *
 * <p>On a type, {@code @Async} applies to every eligible public method declared in it: a method
 * that cannot have a twin (it returns a {@code Future} that is no {@code CompletionStage}, or names
 * a type the twin cannot see) is left out, with one note on the type naming it, and a method marked
 * {@link NotAsync} is left out on purpose. On a method, {@code @Async} is strict: whatever keeps it
 * from having a twin is a compile error.
 *
 * <p>The method must not be private, nor be declared in a private, local or anonymous type: the
 * generated twin lives beside the type and calls the method directly.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Async {}
