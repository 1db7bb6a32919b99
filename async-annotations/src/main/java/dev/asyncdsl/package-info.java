/**
 * asyncdsl: compile-time generated {@code CompletableFuture} twins for plain blocking methods. This
 * package is the whole API; the module exports it and nothing else.
 *
 * <p><b>What a user writes:</b> the annotations {@link dev.asyncdsl.Async}, {@link
 * dev.asyncdsl.NotAsync}, and the policies {@link dev.asyncdsl.Timeout}, {@link
 * dev.asyncdsl.Retry}, {@link dev.asyncdsl.Fallback}, {@link dev.asyncdsl.CircuitBreaker} and
 * {@link dev.asyncdsl.Bulkhead}.
 *
 * <p><b>What generated code calls</b> (the two entry points; the processor's twins are compiled
 * against them, so their names, signatures and nested types are stable API):
 *
 * <ul>
 *   <li>{@link dev.asyncdsl.AsyncRuntime}: runs a method as a call ({@code call}, {@code run},
 *       {@code relay}, {@code each}, {@code timed}), with its nested {@code ValueBody}, {@code
 *       VoidBody} and {@code TimedMethod};
 *   <li>{@link dev.asyncdsl.FaultTolerance}: runs a method under its policies, with its nested
 *       {@code Builder}, {@code StateScope}, {@code CircuitState}, {@code ValueFallback} and {@code
 *       VoidFallback}.
 * </ul>
 *
 * <p><b>What a user calls on the futures:</b> {@link dev.asyncdsl.Gather} (all, any, first, in
 * tuples {@link dev.asyncdsl.Tuple2} to {@link dev.asyncdsl.Tuple8}, or as {@link
 * dev.asyncdsl.Outcome}s) and {@link dev.asyncdsl.Tasks} (join, waitFor, remaining, closeOnCancel,
 * detached).
 *
 * <p><b>What a call fails with:</b> {@link dev.asyncdsl.DeadlineExceededException}, {@link
 * dev.asyncdsl.FaultToleranceException} ({@link dev.asyncdsl.CircuitBreakerOpenException}, {@link
 * dev.asyncdsl.BulkheadFullException}), {@link dev.asyncdsl.AllFailedException} and {@link
 * dev.asyncdsl.WaitInterruptedException}.
 *
 * <p><b>Behind it</b>, in packages that are not API and that the module does not export: {@code
 * dev.asyncdsl.internal} (a call: its state machine, its scope, its deadline, the default
 * executor), {@code dev.asyncdsl.internal.policy} (a method's policies and the calls made under
 * them) and {@code dev.asyncdsl.internal.timer} (the timer and its completers). Only the four
 * classes with behaviour, {@code AsyncRuntime}, {@code FaultTolerance}, {@code Gather} and {@code
 * Tasks}, reach into them; the annotations, value types and exceptions do not. The build checks
 * this ({@code ArchitectureTest}).
 */
package dev.asyncdsl;
