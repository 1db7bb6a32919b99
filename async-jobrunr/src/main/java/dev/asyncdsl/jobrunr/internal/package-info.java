/**
 * The machinery of durable jobs: carriers of the caller's context and the watch of jobs' final
 * states. Not API: public only so that the API package can reach it; it may change in any release.
 */
package dev.asyncdsl.jobrunr.internal;
