/**
 * SQLite driver plugin (sqlite-jdbc): the embedded default that needs no server.
 */
module io.multirunnable.persistence.sqlite {
    requires io.multirunnable.persistence;
}
