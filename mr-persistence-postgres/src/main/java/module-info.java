/**
 * PostgreSQL driver plugin (pgjdbc).
 */
module io.multirunnable.persistence.postgres {
    requires io.multirunnable.persistence;
}
