package io.multirunnable.distributed.redis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The fields of a task entry and of a reply. An entry: {@code c} client id, {@code b} batch, {@code i}
 * input index, {@code t} task name, {@code d} input JSON. A reply (JSON object): {@code b}, {@code i},
 * {@code w} worker name, {@code wid} worker id, {@code s}/{@code e} start/end (epoch microseconds),
 * then {@code v} the result's JSON, or {@code et}/{@code em} the error's class name and message.
 */
final class Wire {
    static final String CLIENT = "c";
    static final String BATCH = "b";
    static final String INDEX = "i";
    static final String TASK = "t";
    static final String DATA = "d";

    /** Client ids become parts of key names: keep them plain. */
    static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._@#-]{1,100}");

    private Wire() {
    }

    static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    /** A reply; {@code value} is used when {@code errorType} is null. */
    static String reply(long batch, int index, String worker, long workerId, Instant start, Instant end,
                        JsonNode value, String errorType, String errorMessage) {
        ObjectNode n = Codec.mapper().createObjectNode();
        n.put("b", batch);
        n.put("i", index);
        n.put("w", worker);
        n.put("wid", workerId);
        n.put("s", micros(start));
        n.put("e", micros(end));
        if (errorType == null) {
            n.set("v", value);
        } else {
            n.put("et", errorType);
            if (errorMessage != null) {
                n.put("em", errorMessage);
            }
        }
        return n.toString();
    }
}
