/**
 * Every output drydock writes: export tars, save archives, OCI layouts, copies to a folder. Writers
 * push bytes into a caller's stream and never close it.
 */
package io.github.drydock.archive;
