package dev.asyncdsl;

/**
 * The results of 4 futures gathered with {@link Gather#all}, in the order they were passed.
 *
 * @param first the result of the first future
 * @param second the result of the second future
 * @param third the result of the third future
 * @param fourth the result of the fourth future
 */
public record Tuple4<A, B, C, D>(A first, B second, C third, D fourth) {}
