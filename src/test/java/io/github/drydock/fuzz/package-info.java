/**
 * Coverage-guided fuzz targets (Jazzer {@code @FuzzTest}) for every parser that reads evidence: each
 * target writes the input into one file of a tiny valid root ({@link io.github.drydock.fuzz.FuzzRoots})
 * and opens it; only a {@code DockerStorageException} or a {@code Problem} may come out. In a normal
 * test run the targets replay their saved inputs ({@code <Test>Inputs/<method>/} under test resources);
 * {@code mvn -Pfuzz test} fuzzes them.
 */
package io.github.drydock.fuzz;
