/**
 * The seed post's Celery case with durable jobs: long tasks enqueued into a shared database and run
 * by two worker processes ({@link dev.asyncdsl.examples.durable.CeleryCase}).
 */
package dev.asyncdsl.examples.durable;
