/**
 * What other libraries implement to carry their own thread-bound context with durable jobs: {@link
 * dev.asyncdsl.jobrunr.spi.DurableContextCarrier}.
 */
package dev.asyncdsl.jobrunr.spi;
