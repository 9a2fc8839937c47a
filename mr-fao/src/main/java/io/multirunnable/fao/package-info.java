/**
 * File output from many workers: {@link io.multirunnable.fao.Fao} (built by
 * {@link io.multirunnable.fao.FaoBuilder}) saves rows as CSV, JSON, JSON Lines or xlsx under a
 * {@link io.multirunnable.fao.SavingStrategy}, with atomic output and optional zip.
 *
 * @since 0.1
 */
package io.multirunnable.fao;
