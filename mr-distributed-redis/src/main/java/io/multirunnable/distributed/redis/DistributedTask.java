package io.multirunnable.distributed.redis;

import io.multirunnable.internal.Check;
import java.util.regex.Pattern;

/**
 * The name and the input and result types of a task that workers run: what a client sends instead of
 * code. A worker runs a task only if a function is registered under its name there
 * ({@link DistributedWorkerBuilder#withTask}); the client and the worker each hold their own
 * {@code DistributedTask} constant with the same name and types.
 *
 * <pre>{@code
 * public static final DistributedTask<String, Long> FILE_SIZE = DistributedTask.of("file-size", String.class, Long.class);
 * }</pre>
 *
 * <p>Inputs and results cross the wire as JSON written and read by Jackson for exactly these declared
 * types (no class names on the wire, no default typing): use JDK value types ({@code String}, numbers,
 * {@code Boolean}), arrays, lists and maps of them, or your own records/beans (their package must be
 * {@code opens ... to com.fasterxml.jackson.databind}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param <I> the input type
 * @param <O> the result type
 * @since 0.2
 */
public final class DistributedTask<I, O> {
    /** What a task name may contain: letters, digits and {@code . _ : -}, 1 to 200 of them. */
    public static final Pattern NAME_RULE = Pattern.compile("[A-Za-z0-9._:-]{1,200}");

    private final String name;
    private final Class<I> inputType;
    private final Class<O> resultType;

    private DistributedTask(String name, Class<I> inputType, Class<O> resultType) {
        this.name = name;
        this.inputType = inputType;
        this.resultType = resultType;
    }

    /**
     * The task called {@code name}, taking an {@code inputType} and returning a {@code resultType}.
     *
     * @throws IllegalArgumentException "name must not be blank", "task name must match [A-Za-z0-9._:-]{1,200} but
     *                                  was '...'", or a null type
     */
    public static <I, O> DistributedTask<I, O> of(String name, Class<I> inputType, Class<O> resultType) {
        checkName(name);
        return new DistributedTask<>(name, Check.notNull(inputType, "inputType"), Check.notNull(resultType, "resultType"));
    }

    static String checkName(String name) {
        Check.notBlank(name, "name");
        Check.argument(NAME_RULE.matcher(name).matches(),
                "task name must match " + NAME_RULE.pattern() + " but was '" + name + "'");
        return name;
    }

    /** The registered name, the only thing that says which code a worker runs. */
    public String name() {
        return name;
    }

    /** The declared input type; inputs must be instances of it. */
    public Class<I> inputType() {
        return inputType;
    }

    /** The declared result type, the type results are read back as. */
    public Class<O> resultType() {
        return resultType;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DistributedTask<?, ?> t && t.name.equals(name) && t.inputType == inputType
                && t.resultType == resultType;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + inputType.hashCode();
    }

    @Override
    public String toString() {
        return "DistributedTask[" + name + ": " + inputType.getSimpleName() + " -> " + resultType.getSimpleName() + "]";
    }
}
