/**
 * The lowest room with the timer: the lists of service providers the runtime keeps (context
 * propagators, call listeners), each read once with {@link java.util.ServiceLoader} and changed in
 * code. It knows nothing of calls, contexts or events, only of lists.
 */
package dev.asyncdsl.internal.registry;
