/**
 * Classes whose policies the configuration tests override: one class per scenario, because a twin
 * reads its configuration once, as its class initialises.
 */
package dev.asyncdsl.it.config;
