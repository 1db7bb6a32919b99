/**
 * Not API: the configuration room. It finds the values that override a method's policy annotations
 * in the sources the application configures (its own source, system properties, the environment),
 * by MicroProfile's and SmallRye's spellings, checks them with the rules the processor applies at
 * compile time, and recognises keys that name no method, policy or member of a known twin. It knows
 * nothing of calls: it deals in names, strings and numbers, and {@code PolicyConfig} and {@code
 * FaultTolerance} turn what it finds into policies.
 */
package dev.asyncdsl.internal.config;
