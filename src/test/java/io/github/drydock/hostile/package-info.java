/**
 * Hostile roots, in the default test run: symlink and hard-link escapes, tar-split names that climb out
 * of the layer, directory chains deeper than PATH_MAX, 2 GiB metadata files, names that are not UTF-8,
 * FIFOs, sockets and device nodes. Reads that must never happen are detected by FIFOs planted at the
 * would-be targets inside the test's temp folder (a read blocks, the time limit fails the test).
 */
package io.github.drydock.hostile;
