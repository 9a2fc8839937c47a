package io.multirunnable.fao.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;

/** Value-to-text rules shared by the text formats, and stream copying for append. */
final class Text {
    private Text() {
    }

    /** A non-null value as text: {@link BigDecimal} plain, everything else {@code toString()}. */
    static String of(Object value) {
        if (value instanceof BigDecimal bd) {
            return bd.toPlainString();
        }
        if (value instanceof CharSequence cs) {
            return cs.toString();
        }
        return String.valueOf(value);
    }

    /**
     * Copies {@code in} to {@code out}; returns the last {@code n} bytes copied (fewer if fewer
     * were copied, none for empty input).
     */
    static byte[] copyTail(InputStream in, OutputStream out, int n) throws IOException {
        byte[] buf = new byte[1 << 16];
        byte[] tail = new byte[0];
        int r;
        while ((r = in.read(buf)) > 0) {
            out.write(buf, 0, r);
            int keep = Math.min(n, tail.length + r);
            byte[] next = new byte[keep];
            int fromBuf = Math.min(keep, r);
            int fromTail = keep - fromBuf;
            System.arraycopy(tail, tail.length - fromTail, next, 0, fromTail);
            System.arraycopy(buf, r - fromBuf, next, fromTail, fromBuf);
            tail = next;
        }
        return tail;
    }

    /** {@code text} quoted for an error message, cut after 40 characters. */
    static String preview(String text) {
        return "\"" + (text.length() > 40 ? text.substring(0, 40) + "...(" + text.length() + " chars)" : text) + "\"";
    }

    /** Copies {@code in} to {@code out}; returns the last byte copied, or -1 if none. */
    static int copy(InputStream in, OutputStream out) throws IOException {
        byte[] buf = new byte[1 << 16];
        int last = -1;
        int n;
        while ((n = in.read(buf)) > 0) {
            out.write(buf, 0, n);
            last = buf[n - 1] & 0xff;
        }
        return last;
    }
}
