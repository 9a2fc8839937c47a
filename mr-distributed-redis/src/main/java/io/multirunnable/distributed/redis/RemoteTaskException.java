package io.multirunnable.distributed.redis;

/**
 * The failure of one input on a remote worker, as that input's {@link io.multirunnable.WorkerResult#error()}:
 * the remote exception's class name and message, never the exception object itself (no class is loaded
 * from what the wire says).
 *
 * <p>{@link #getMessage()} is the remote message; {@link #remoteType()} the remote class name, e.g.
 * {@code java.lang.IllegalStateException}; {@link #toString()} shows both and the worker. Immutable.
 *
 * @since 0.2
 */
public final class RemoteTaskException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String remoteType;
    private final String workerName;

    /**
     * @param remoteType the class name of the exception the task threw
     * @param message    its message, or {@code null}
     * @param workerName the worker that ran the task
     */
    public RemoteTaskException(String remoteType, String message, String workerName) {
        super(message, null, true, false); // suppression on: firstSuccess attaches the other failures
        this.remoteType = remoteType;
        this.workerName = workerName;
    }

    /** The fully qualified class name of the exception the task threw on the worker. */
    public String remoteType() {
        return remoteType;
    }

    /** The worker the task failed on ({@code pid@host#n-worker-k}). */
    public String workerName() {
        return workerName;
    }

    /** {@code true} if the remote exception's class is {@code type} (compared by name). */
    public boolean isA(Class<? extends Throwable> type) {
        return type.getName().equals(remoteType);
    }

    @Override
    public String toString() {
        String m = getMessage();
        return remoteType + (m == null ? "" : ": " + m) + " (on " + workerName + ")";
    }
}
