/**
 * Not API, and not exported by the module. The lowest room: the timer and what runs its decisions.
 * It imports nothing of calls or policies; it only decides that time is up and hands over something
 * runnable ({@link dev.asyncdsl.internal.timer.Deadlines.Entry}) or stoppable ({@link
 * dev.asyncdsl.internal.timer.Completions.TimedOut}).
 *
 * <ul>
 *   <li>{@link dev.asyncdsl.internal.timer.Deadlines}: the timer shards, lock-free for callers,
 *       each a thread with a heap of entries; also delayed actions;
 *   <li>{@link dev.asyncdsl.internal.timer.Completions}: the completer threads that run due entries
 *       and, a little later, stop timed-out work, so no user code runs on a timer thread;
 *   <li>{@link dev.asyncdsl.internal.timer.RuntimeThreads}: the runtime's own threads, carrying
 *       nothing of whoever created them.
 * </ul>
 */
package dev.asyncdsl.internal.timer;
