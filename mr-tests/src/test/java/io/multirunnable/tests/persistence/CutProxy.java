package io.multirunnable.tests.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP proxy in front of a database server, to cut connections exactly where a test wants:
 * {@link #cutAfter(String)} forwards the next client packet holding a text (e.g. the COMMIT)
 * to the server and then drops the connection, so the server acts on it but the client never
 * hears back; {@link #stop()} is an outage (open connections dropped, new ones refused).
 */
final class CutProxy implements AutoCloseable {
    private static final Pattern HOST_PORT = Pattern.compile("//([^/:?;]+)(?::(\\d+))?");

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicReference<String> cutText = new AtomicReference<>();
    private volatile boolean cut;

    private CutProxy(String host, int port) throws IOException {
        this.targetHost = host;
        this.targetPort = port;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("cut-proxy-accept").start(this::accept);
    }

    /** A proxy for the server of {@code jdbcUrl}. */
    static CutProxy in(String jdbcUrl) throws IOException {
        Matcher m = HOST_PORT.matcher(jdbcUrl);
        if (!m.find()) {
            throw new IllegalArgumentException("no host in " + jdbcUrl);
        }
        int port = m.group(2) != null ? Integer.parseInt(m.group(2)) : jdbcUrl.startsWith("jdbc:postgresql") ? 5432 : 3306;
        return new CutProxy(m.group(1), port);
    }

    /** {@code jdbcUrl} pointing at this proxy instead of the server. */
    String url(String jdbcUrl) {
        return HOST_PORT.matcher(jdbcUrl).replaceFirst("//127.0.0.1:" + server.getLocalPort());
    }

    /** The next client packet containing {@code text} (any case) goes to the server, then the connection is cut. */
    void cutAfter(String text) {
        cutText.set(text.toLowerCase(Locale.ROOT));
    }

    /** {@code true} once a connection was cut by {@link #cutAfter}. */
    boolean didCut() {
        return cut;
    }

    /** An outage: every connection dropped, new ones refused (the port is closed). */
    void stop() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        sockets.forEach(CutProxy::closeQuietly);
    }

    @Override
    public void close() {
        stop();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(targetHost, targetPort), 5_000);
                sockets.add(client);
                sockets.add(upstream);
                AtomicBoolean mute = new AtomicBoolean(); // set once the cut packet is on its way: no answer may reach the client
                Thread.ofPlatform().daemon().start(() -> pump(client, upstream, true, mute));
                Thread.ofPlatform().daemon().start(() -> pump(upstream, client, false, mute));
            } catch (IOException e) {
                return; // stopped
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromClient, AtomicBoolean mute) {
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buf)) > 0; ) {
                String text = cutText.get();
                boolean cutHere = fromClient && text != null
                        && new String(buf, 0, n, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT).contains(text)
                        && cutText.compareAndSet(text, null);
                if (cutHere) {
                    mute.set(true);
                }
                if (fromClient || !mute.get()) {
                    out.write(buf, 0, n);
                    out.flush();
                }
                if (cutHere) {
                    // give the server time to act on the packet before the client loses the connection
                    Thread.sleep(500);
                    cut = true;
                    closeQuietly(from);
                    closeQuietly(to);
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // connection gone
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // best effort
        }
    }
}
