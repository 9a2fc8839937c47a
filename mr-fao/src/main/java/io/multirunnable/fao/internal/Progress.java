package io.multirunnable.fao.internal;

import io.multirunnable.fao.ProgressListener;
import java.lang.System.Logger.Level;
import java.nio.file.Path;

/** Reports progress to the user's listener, if any; a failing listener is logged, never fatal. */
final class Progress {
    private static final System.Logger LOG = System.getLogger(Progress.class.getName());

    private final ProgressListener listener;

    Progress(ProgressListener listener) {
        this.listener = listener;
    }

    void report(Path file, long rows) {
        if (listener != null) {
            try {
                listener.onProgress(file, rows);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "ProgressListener failed (ignored): " + e, e);
            }
        }
    }
}
