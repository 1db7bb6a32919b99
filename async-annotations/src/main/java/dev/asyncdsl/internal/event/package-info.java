/**
 * The room of events, beside the context room and below the calls: the {@link
 * dev.asyncdsl.spi.CallListener}s in use ({@link dev.asyncdsl.internal.event.Listeners}) and what a
 * call that is heard carries ({@link dev.asyncdsl.internal.event.Watch}). It knows the API's value
 * types (the method, its policies, a circuit's states) but nothing of how calls run: the calls tell
 * it what happened.
 */
package dev.asyncdsl.internal.event;
