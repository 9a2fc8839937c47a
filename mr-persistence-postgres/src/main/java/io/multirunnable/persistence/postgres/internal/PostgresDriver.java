package io.multirunnable.persistence.postgres.internal;

import io.multirunnable.persistence.spi.DatabaseDriver;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL JDBC driver ({@code jdbc:postgresql:} URLs). Turns on {@code reWriteBatchedInserts}
 * so a JDBC batch of INSERTs is sent as multi-row INSERTs, and bounds connecting with
 * {@code connectTimeout} and {@code loginTimeout} (whole seconds). pgjdbc honours a fetch size only
 * with auto-commit off, so streaming needs a transaction (the library opens one for the user).
 */
public final class PostgresDriver implements DatabaseDriver {

    /** Public no-argument constructor for ServiceLoader. */
    public PostgresDriver() {
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public List<String> urlPrefixes() {
        return List.of("jdbc:postgresql:");
    }

    @Override
    public Map<String, String> defaultProperties() {
        // readOnlyMode=always: pgjdbc's default ("transaction") ignores setReadOnly(true) in auto-commit mode,
        // which would make DatabaseConfig.readOnly() a no-op for single statements
        return Map.of("reWriteBatchedInserts", "true", "readOnlyMode", "always");
    }

    @Override
    public Map<String, String> connectTimeoutProperties(Duration timeout) {
        String seconds = Long.toString(Math.max(1, (timeout.toMillis() + 999) / 1000));
        return Map.of("connectTimeout", seconds, "loginTimeout", seconds);
    }

    /** pgjdbc reads the whole result into memory in auto-commit mode, whatever the fetch size. */
    @Override
    public boolean streamingNeedsTransaction() {
        return true;
    }

    /** pgjdbc reads {@code ??} in a prepared statement as a literal {@code ?} (the jsonb {@code ?}, {@code ?|}, {@code ?&} operators). */
    @Override
    public java.util.Optional<String> literalQuestionMark() {
        return java.util.Optional.of("??");
    }
}
