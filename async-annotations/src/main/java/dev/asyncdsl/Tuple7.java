package dev.asyncdsl;

/**
 * The results of 7 futures gathered with {@link Gather#all}, in the order they were passed.
 *
 * @param first the result of the first future
 * @param second the result of the second future
 * @param third the result of the third future
 * @param fourth the result of the fourth future
 * @param fifth the result of the fifth future
 * @param sixth the result of the sixth future
 * @param seventh the result of the seventh future
 */
public record Tuple7<A, B, C, D, E, F, G>(A first, B second, C third, D fourth, E fifth, F sixth, G seventh) {}
