package io.multirunnable.tests.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multirunnable.persistence.ConnectionStrategy;
import io.multirunnable.persistence.Database;
import io.multirunnable.persistence.DatabaseException;
import io.multirunnable.persistence.DatabaseOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Issue 17 polish: a number out of Short's or Byte's range is an error, as for Integer, never silently truncated. */
class ConvertRangeTest {

    record Small(short s, byte b) {
    }

    @ParameterizedTest
    @EnumSource(value = Target.class, names = {"SQLITE", "H2"})
    void shortAndByteAreCheckedLikeInteger(Target target) {
        try (ConnectionStrategy db1 = Database.singleConnection(target.config("convert").build())) {
            DatabaseOperator db = DatabaseOperator.of(db1);
            assertThat(db.query("SELECT 32767").fetchOne(Short.class)).contains((short) 32767);
            assertThat(db.query("SELECT -32768").fetchOne(Short.class)).contains((short) -32768);
            assertThat(db.query("SELECT 127").fetchOne(Byte.class)).contains((byte) 127);
            assertThat(db.query("SELECT -128").fetchOne(Byte.class)).contains((byte) -128);
            assertThatThrownBy(() -> db.query("SELECT 70000").fetchOne(Short.class)).isInstanceOf(DatabaseException.class)
                    .hasMessageContaining("as Short").hasMessageContaining("short overflow");
            assertThatThrownBy(() -> db.query("SELECT 300").fetchOne(Byte.class)).isInstanceOf(DatabaseException.class)
                    .hasMessageContaining("as Byte").hasMessageContaining("byte overflow");
            assertThatThrownBy(() -> db.query("SELECT 1 AS s, 200 AS b").fetchOne(Small.class))
                    .isInstanceOf(DatabaseException.class).hasMessageContaining("byte overflow");
            assertThat(db.query("SELECT 5 AS s, 6 AS b").fetchOne(Small.class)).contains(new Small((short) 5, (byte) 6));
        }
    }
}
