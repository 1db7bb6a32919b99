/**
 * The programs of the asyncio post this project is modelled on ("Asynchronous behaviour using
 * asyncio in Python"), in Java: the functions are ordinary blocking methods marked {@link
 * dev.asyncdsl.Async @Async}, and the processor generates their {@code CompletableFuture} twins
 * ({@code SeedFunctionsAsync} for {@link dev.asyncdsl.examples.SeedFunctions}, and so on).
 *
 * <p>Each program prints the lines of the post's response and has a {@code run} method, used by the
 * tests, that returns what happened. {@link dev.asyncdsl.examples.SeedDemo} runs them all.
 */
package dev.asyncdsl.examples;
