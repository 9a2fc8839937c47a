/**
 * The SQLite (sqlite-jdbc), the embedded default that needs no server driver plugin: {@link io.multirunnable.persistence.sqlite.internal.SqliteDriver}. Not exported.
 */
package io.multirunnable.persistence.sqlite.internal;
