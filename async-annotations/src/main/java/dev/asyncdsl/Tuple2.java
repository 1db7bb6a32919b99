package dev.asyncdsl;

/**
 * The results of 2 futures gathered with {@link Gather#all}, in the order they were passed.
 *
 * @param <A> the type of the first result
 * @param <B> the type of the second result
 * @param first the result of the first future
 * @param second the result of the second future
 */
public record Tuple2<A, B>(A first, B second) {}
