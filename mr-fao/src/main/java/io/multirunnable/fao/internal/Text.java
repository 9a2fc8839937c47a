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
