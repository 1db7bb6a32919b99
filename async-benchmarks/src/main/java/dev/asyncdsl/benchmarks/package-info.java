/**
 * Benchmarks of the generated twins against what a user would write instead. {@code run-all.sh} in
 * the module directory runs every group; each main here is one measured process.
 */
package dev.asyncdsl.benchmarks;
