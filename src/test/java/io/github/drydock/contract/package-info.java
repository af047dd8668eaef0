/**
 * Contract tests: the same questions asked of every checked-in fixture root ({@code testdata/}), through
 * the public API ({@link io.github.drydock.DockerRoot}) and through the command line
 * ({@link io.github.drydock.cli.Main#run}). Each root's expected answers are written down here from its
 * generated {@code README.md}, not copied from what the code prints; generic invariants (parents,
 * layer order, lookups, JSON keys, paths inside the root, evidence left untouched) hold on every root.
 */
package io.github.drydock.contract;
