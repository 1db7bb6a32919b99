package dev.asyncdsl;

/**
 * The results of 8 futures gathered with {@link Gather#all}, in the order they were passed.
 *
 * @param <A> the type of the first result
 * @param <B> the type of the second result
 * @param <C> the type of the third result
 * @param <D> the type of the fourth result
 * @param <E> the type of the fifth result
 * @param <F> the type of the sixth result
 * @param <G> the type of the seventh result
 * @param <H> the type of the eighth result
 * @param first the result of the first future
 * @param second the result of the second future
 * @param third the result of the third future
 * @param fourth the result of the fourth future
 * @param fifth the result of the fifth future
 * @param sixth the result of the sixth future
 * @param seventh the result of the seventh future
 * @param eighth the result of the eighth future
 */
public record Tuple8<A, B, C, D, E, F, G, H>(
    A first, B second, C third, D fourth, E fifth, F sixth, G seventh, H eighth) {}
