package io.multirunnable.distributed.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.multirunnable.distributed.redis.internal.Codec;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The wire codec never instantiates a class named by the data. */
class CodecTest {

    /** A user type that (unwisely) asks Jackson for class names in the data. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
    public abstract static class Shape {
    }

    /** A subtype the data names: still refused, the validator allows no class named in the data. */
    public static class Circle extends Shape {
    }

    @Test
    void aClassNameInTheDataIsRefusedEvenWhereTheDeclaredTypeAsksForOne() {
        assertThatThrownBy(() -> Codec.read("{\"@class\":\"" + Circle.class.getName() + "\"}", Shape.class))
                .isInstanceOf(com.fasterxml.jackson.databind.exc.InvalidTypeIdException.class)
                .hasMessageContaining("denied");
        assertThatThrownBy(() -> Codec.read("{\"@class\":\"java.net.URL\"}", Shape.class))
                .isInstanceOf(com.fasterxml.jackson.databind.exc.InvalidTypeIdException.class);
    }

    @Test
    void anUntypedDeclarationReadsPlainJsonValuesOnly() throws Exception {
        Object read = Codec.read("{\"@class\":\"java.net.URL\",\"protocol\":\"http\"}", Object.class);
        assertThat(read).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) read).get("@class")).isEqualTo("java.net.URL");
    }
}
