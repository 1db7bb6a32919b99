/**
 * Stand-ins for compile tests: the signatures of module {@code async-jobrunr} that generated jobs
 * classes call, with bodies that do only what the processor's tests need. The processor never
 * depends on that module; these let its tests compile (and run) generated code without it.
 */
package dev.asyncdsl.jobrunr;
