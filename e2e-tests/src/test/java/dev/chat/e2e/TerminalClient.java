package dev.chat.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** A terminal user's side of the terminal door, as nc would be: lines out, every line in recorded. */
final class TerminalClient implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final Socket socket;
    private final OutputStream out;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private volatile boolean closedByServer;

    private TerminalClient(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        Thread reader = new Thread(this::read, "terminal-client");
        reader.setDaemon(true);
        reader.start();
    }

    static TerminalClient connect(int port) throws IOException {
        return new TerminalClient(new Socket("127.0.0.1", port));
    }

    /** Over TLS, trusting the door's self-signed certificate as {@code openssl s_client} would (it only looks). */
    static TerminalClient connectTls(int port) throws Exception {
        TrustManager anyCertificate = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {anyCertificate}, null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
        socket.startHandshake();
        return new TerminalClient(socket);
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                received.add(line);
            }
        } catch (IOException e) {
            // Closed: what was read is kept.
        }
        closedByServer = true;
    }

    void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The first line ever received that matches, waiting for it. */
    String await(Predicate<String> wanted) throws InterruptedException {
        return awaitFrom(0, wanted, WAIT);
    }

    /** As {@link #await(Predicate)}, for up to {@code wait}. */
    String await(Predicate<String> wanted, Duration wait) throws InterruptedException {
        return awaitFrom(0, wanted, wait);
    }

    private String awaitFrom(int from, Predicate<String> wanted) throws InterruptedException {
        return awaitFrom(from, wanted, WAIT);
    }

    private String awaitFrom(int from, Predicate<String> wanted, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            List<String> now = lines();
            for (int i = from; i < now.size(); i++) {
                if (wanted.test(now.get(i))) {
                    return now.get(i);
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no such line within " + wait + "; received:\n" + String.join("\n", received));
    }

    String awaitStart(String prefix) throws InterruptedException {
        return await(line -> line.startsWith(prefix));
    }

    /** Sends a line and waits for the first line after it that starts with {@code prefix}. */
    String ask(String line, String prefix) throws IOException, InterruptedException {
        int before = received.size();
        send(line);
        return awaitFrom(before, received -> received.startsWith(prefix));
    }

    List<String> lines() {
        return new ArrayList<>(received);
    }

    boolean awaitClosed() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline && !closedByServer) {
            Thread.sleep(20);
        }
        return closedByServer;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
