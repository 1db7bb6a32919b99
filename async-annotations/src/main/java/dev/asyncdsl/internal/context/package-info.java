/**
 * Not API, and not exported by the module. A low room, beside the timer: the context that travels
 * with a call ({@link dev.asyncdsl.internal.context.Propagation}), captured on the caller's thread
 * and restored wherever the call's code runs. It knows nothing of calls, timers or policies; it
 * uses only the {@code dev.asyncdsl.spi} interface it implements the registry for.
 */
package dev.asyncdsl.internal.context;
