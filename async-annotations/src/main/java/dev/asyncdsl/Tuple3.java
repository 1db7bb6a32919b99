package dev.asyncdsl;

/**
 * The results of 3 futures gathered with {@link Gather#all}, in the order they were passed.
 *
 * @param <A> the type of the first result
 * @param <B> the type of the second result
 * @param <C> the type of the third result
 * @param first the result of the first future
 * @param second the result of the second future
 * @param third the result of the third future
 */
public record Tuple3<A, B, C>(A first, B second, C third) {}
