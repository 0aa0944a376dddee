package dev.obs.testing;

import java.io.OutputStream;

/** Writes everything to two streams, e.g. stderr and a buffer a test reads obs's diagnostics from. */
public final class TeeStream extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    public TeeStream(OutputStream a, OutputStream b) {
        this.a = a;
        this.b = b;
    }

    @Override
    public synchronized void write(int c) throws java.io.IOException {
        a.write(c);
        b.write(c);
    }

    @Override
    public synchronized void write(byte[] buf, int off, int len) throws java.io.IOException {
        a.write(buf, off, len);
        b.write(buf, off, len);
    }

    @Override
    public synchronized void flush() throws java.io.IOException {
        a.flush();
        b.flush();
    }
}
