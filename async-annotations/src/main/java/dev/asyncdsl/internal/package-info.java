/**
 * Not API, and not exported by the module: public only so that the API package and the policy
 * package can reach it. The call.
 *
 * <ul>
 *   <li>{@link dev.asyncdsl.internal.AsyncCall}: one call of a method as the future of its result,
 *       with its state machine, its interrupt handshake, the work to stop with it ({@code Work}),
 *       and its bodies ({@code Value}, {@code NoValue}, {@code Relay}); the policy package extends
 *       it through the hooks marked "for override";
 *   <li>{@link dev.asyncdsl.internal.CallScope}: which call's method the current thread runs, so a
 *       call started there is its child and inherits its deadline;
 *   <li>{@link dev.asyncdsl.internal.CallDeadline}: a call's deadline as the timer holds it;
 *       failing the call at its deadline and having its method stopped (on a completer);
 *   <li>{@link dev.asyncdsl.internal.Stages}: cancelling many stages at once, unwrapping a
 *       dependent's {@code CompletionException};
 *   <li>{@link dev.asyncdsl.internal.DefaultExecutor}: a virtual thread per call, or a pool on JDK
 *       17.
 * </ul>
 *
 * <p>A call carries its caller's context ({@code dev.asyncdsl.internal.context}), captured when it
 * is made and restored wherever its code runs: around its method, its completion from outside (a
 * deadline, a cancel), the end of its relayed stage and the stopping of its work.
 *
 * <p>It uses the timer ({@code dev.asyncdsl.internal.timer}), the context room and the API's
 * vocabulary (the bodies, {@code TimedMethod}, the exceptions), never a facade's static methods,
 * and nothing of {@code dev.asyncdsl.internal.policy}.
 */
package dev.asyncdsl.internal;
