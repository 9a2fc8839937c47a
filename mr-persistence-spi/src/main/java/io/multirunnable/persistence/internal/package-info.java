/**
 * Implementation of the persistence API: connection strategies (single connection, HikariCP
 * pool), the named-pool registry, driver discovery, row mapping and redaction. Not exported.
 */
package io.multirunnable.persistence.internal;
