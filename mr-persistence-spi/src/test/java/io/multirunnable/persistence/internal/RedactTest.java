package io.multirunnable.persistence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactTest {

    @Test
    void hidesPasswordsInEveryUrlShape() {
        assertThat(Redact.url("jdbc:mysql://db:3306/app?user=root&password=abc&useSSL=false"))
                .isEqualTo("jdbc:mysql://db:3306/app?user=root&password=***&useSSL=false");
        assertThat(Redact.url("jdbc:postgresql://db/app?PASSWORD=abc")).isEqualTo("jdbc:postgresql://db/app?PASSWORD=***");
        assertThat(Redact.url("jdbc:sqlserver://db;user=sa;password=abc;encrypt=true"))
                .isEqualTo("jdbc:sqlserver://db;user=sa;password=***;encrypt=true");
        assertThat(Redact.url("jdbc:mysql://root:abc@db:3306/app")).isEqualTo("jdbc:mysql://root:***@db:3306/app");
        assertThat(Redact.url("jdbc:oracle:thin:scott/tiger@db:1521:orcl")).isEqualTo("jdbc:oracle:thin:scott/***@db:1521:orcl");
        assertThat(Redact.url("jdbc:h2:mem:x;PWD=abc")).isEqualTo("jdbc:h2:mem:x;PWD=***");
        assertThat(Redact.url("jdbc:postgresql://db:5432/app?user=postgres")).isEqualTo("jdbc:postgresql://db:5432/app?user=postgres");
        assertThat(Redact.url("jdbc:sqlite:/tmp/a.db")).isEqualTo("jdbc:sqlite:/tmp/a.db");
    }

    @Test
    void hidesSecretProperties() {
        assertThat(Redact.properties(Map.of("password", "a", "sslPassword", "b", "user", "u", "clientSecret", "c")))
                .isEqualTo("{clientSecret=***, password=***, sslPassword=***, user=u}");
    }

    /** Issue 13 weak spot: passwd, pwd, secret, token... in any case and under any prefix are credentials. */
    @Test
    void credentialLookingPropertiesAreRedactedInAnyCaseWithAnyPrefix() {
        Map<String, String> props = Map.of("passwd", "s1", "db.PWD", "s2", "clientSECRET", "s3", "accessToken", "s4",
                "TOKEN", "s5", "x.Passwd", "s6", "aws_credentials", "s7", "apiKey", "s8", "sslmode", "require");
        String shown = Redact.properties(props);
        assertThat(shown).doesNotContain("s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8").contains("sslmode=require");
        assertThat(Redact.url("jdbc:x://db/app?authToken=abc&mode=1")).isEqualTo("jdbc:x://db/app?authToken=***&mode=1");
        assertThat(Redact.url("jdbc:x://db/app;passwd=abc")).isEqualTo("jdbc:x://db/app;passwd=***");
    }
}
