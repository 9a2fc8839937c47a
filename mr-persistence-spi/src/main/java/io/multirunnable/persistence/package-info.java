/**
 * Database access for many workers. Start with {@link io.multirunnable.persistence.Database}:
 * {@code Database.pool(config)} opens a named HikariCP pool (or {@code Database.singleConnection})
 * and {@link io.multirunnable.persistence.DatabaseOperator} runs SQL on it with bound
 * parameters; extend {@link io.multirunnable.persistence.Dao} for your own data-access objects.
 */
package io.multirunnable.persistence;
