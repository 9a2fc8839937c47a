/**
 * The PostgreSQL (pgjdbc) driver plugin: {@link io.multirunnable.persistence.postgres.internal.PostgresDriver}. Not exported.
 */
package io.multirunnable.persistence.postgres.internal;
