/**
 * Not API, and not exported by the module. A method's fault-tolerance policies, applied in the
 * fixed order {@code Fallback( Retry( CircuitBreaker( Timeout( Bulkhead( method )))))}.
 *
 * <ul>
 *   <li>{@link dev.asyncdsl.internal.policy.Policies}: the immutable plan of one method's policies
 *       that {@code FaultTolerance} holds; it starts each call, reading the order top-down;
 *   <li>{@link dev.asyncdsl.internal.policy.GuardedCall}: Fallback and Retry, the caller's future
 *       made of attempts and perhaps a fallback;
 *   <li>{@link dev.asyncdsl.internal.policy.Attempt}: CircuitBreaker, Timeout and Bulkhead around
 *       one run of the method (or the fallback's), which counts its own outcome;
 *   <li>{@link dev.asyncdsl.internal.policy.Circuit} and {@link
 *       dev.asyncdsl.internal.policy.BulkheadSlots}: the state the circuit breaker and the bulkhead
 *       keep. They are primitives: they know nothing of calls (the bulkhead queues {@code
 *       BulkheadSlots.Waiter}s, which an attempt is).
 * </ul>
 *
 * <p>The highest room: it uses the call package and the timer, and nothing uses it but {@code
 * FaultTolerance}.
 */
package dev.asyncdsl.internal.policy;
