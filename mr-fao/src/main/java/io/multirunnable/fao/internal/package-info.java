/**
 * FAO internals, not exported: the engine behind {@link io.multirunnable.fao.Fao}
 * ({@code FaoEngine}), format discovery ({@code Formats}) and the CSV/JSON formats.
 */
package io.multirunnable.fao.internal;
