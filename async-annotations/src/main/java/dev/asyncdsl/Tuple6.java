package dev.asyncdsl;

/**
 * The results of 6 futures gathered with {@link Gather#all}, in the order they were passed.
 *
 * @param first the result of the first future
 * @param second the result of the second future
 * @param third the result of the third future
 * @param fourth the result of the fourth future
 * @param fifth the result of the fifth future
 * @param sixth the result of the sixth future
 */
public record Tuple6<A, B, C, D, E, F>(A first, B second, C third, D fourth, E fifth, F sixth) {}
