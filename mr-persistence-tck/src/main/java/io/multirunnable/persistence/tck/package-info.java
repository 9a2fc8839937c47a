/**
 * The {@code DatabaseDriver} contract suite: {@link io.multirunnable.persistence.tck.DatabaseDriverContract}.
 *
 * @since 0.2
 */
package io.multirunnable.persistence.tck;
