package io.multirunnable.sync.redis;

/**
 * A Redis command of a primitive failed: the server was down, restarting, unreachable or refused
 * the command. The message names the server (password replaced by {@code ***}), the operation and
 * the reason, e.g. {@code "Redis at redis://127.0.0.1:6379 failed during newLock('orders'): the
 * server did not answer (down, restarting or unreachable: Connection refused)"}; the cause is
 * Redisson's exception. Handles stay usable: once the server answers again the same call works.
 *
 * <p>It is an {@link IllegalStateException}, as every Redis error was documented to be before
 * {@code 0.2}. Immutable.
 *
 * @since 0.2
 */
public final class RedisSyncException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final String url;
    private final String operation;

    /**
     * Made by the provider; public only because the provider's internals live in another package.
     *
     * @param url       the server's URL, password already masked
     * @param operation what was being done, e.g. {@code "acquire of Lock 'orders'"}
     * @param reason    why it failed, in our words
     * @param cause     the client library's exception
     */
    public RedisSyncException(String url, String operation, String reason, Throwable cause) {
        super("Redis at " + url + " failed during " + operation + ": " + reason, cause);
        this.url = url;
        this.operation = operation;
    }

    /** The server's URL with any password replaced by {@code ***}. */
    public String url() {
        return url;
    }

    /** What was being done, e.g. {@code "newSemaphore('downloads', 4)"} or {@code "release of Lock 'orders'"}. */
    public String operation() {
        return operation;
    }
}
