package io.multirunnable.distributed.redis.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

/**
 * The one JSON codec of the wire. Values are written and read for a declared type only: default typing
 * is off and the polymorphic-type validator denies every class named in the data, so nothing on the
 * wire can make a JVM instantiate a class it was not asked for (not even through a
 * {@code @JsonTypeInfo(use = CLASS)} annotation). Thread-safe.
 */
public final class Codec {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPolymorphicTypeValidator(BasicPolymorphicTypeValidator.builder().build())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Codec() {
    }

    /** The shared mapper (configured once, as above). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** {@code value} as JSON text. */
    public static String write(Object value) throws JsonProcessingException {
        return MAPPER.writeValueAsString(value);
    }

    /** {@code value} as a JSON tree, for embedding in a reply. */
    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** JSON text read as a {@code type}. */
    public static <T> T read(String json, Class<T> type) throws JsonProcessingException {
        return MAPPER.readValue(json, type);
    }

    /** A JSON tree read as a {@code type}. */
    public static <T> T read(JsonNode node, Class<T> type) throws JsonProcessingException {
        return MAPPER.treeToValue(node, type);
    }

    /** The first line of a Jackson message (they append source locations). */
    public static String shortMessage(Exception e) {
        String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
