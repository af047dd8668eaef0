/**
 * Jackson records that mirror Docker's on-disk JSON ({@code *Json}), and the one shared mapper
 * {@link io.github.drydock.json.Json#MAPPER}. Key names are Docker's exactly, as its Go structs
 * serialise them; see {@code spec/} for the versions that wrote each key.
 */
package io.github.drydock.json;
