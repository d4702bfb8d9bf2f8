package dev.ordersystem.harness;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * An HTTP/1.1 client for an app on loopback, written straight onto a socket, so that a load
 * generator on the same two cores leaves them to the server under test.
 *
 * <p>{@link #status} is the load loops' call: one kept-alive connection per thread, the request
 * written as bytes, the status read and the body skipped. {@link #send} answers in full (status,
 * headers, body) on a connection of its own, closed after the answer: a kept connection to an
 * instance that was killed and started again would fail a request the new process never saw,
 * and a request is never sent twice.
 */
public final class WireHttp implements AutoCloseable {
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int LOAD_TIMEOUT_MILLIS = 30_000;

    private final int port;
    private final ThreadLocal<Wire> wires = new ThreadLocal<>();
    private final Queue<Socket> opened = new ConcurrentLinkedQueue<>();

    public WireHttp(int port) {
        this.port = port;
    }

    public int port() {
        return port;
    }

    /** Sends on this thread's kept-alive connection; returns the status, the body skipped. */
    public int status(String method, String path, String token, String json) throws IOException {
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n");
        if (token != null) head.append("Authorization: Bearer ").append(token).append("\r\n");
        if (json != null) head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        head.append("\r\n");
        byte[] request = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        Wire wire = wires.get();
        if (wire == null || wire.socket.isClosed()) {
            wire = open(LOAD_TIMEOUT_MILLIS);
            opened.add(wire.socket);
            wires.set(wire);
        }
        try {
            return wire.exchange(request, body, null);
        } catch (IOException e) {
            wire.socket.close();
            wires.remove();
            throw e;
        }
    }

    /**
     * Sends on a new connection and reads the whole answer. A request line or header that is not
     * printable ASCII is refused with {@link IllegalArgumentException} before anything is sent;
     * no answer within the request's timeout throws {@link java.net.SocketTimeoutException}, a
     * port nobody listens on {@link java.net.ConnectException}.
     */
    public WireReply send(WireRequest request) throws IOException {
        byte[] body = request.body() == null ? new byte[0] : request.body().getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256);
        head.append(printable(request.method())).append(' ').append(printable(request.path())).append(" HTTP/1.1\r\n");
        header(head, "Host", "127.0.0.1:" + port);
        header(head, "Connection", "close");
        if (request.token() != null) header(head, "Authorization", "Bearer " + request.token());
        if (request.body() != null) {
            if (request.headers().keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) header(head, "Content-Type", "application/json");
            header(head, "Content-Length", Integer.toString(body.length));
        }
        request.headers().forEach((name, value) -> header(head, name, value));
        head.append("\r\n");
        Answer answer = new Answer(request.method().equals("HEAD"));
        try (Wire wire = open((int) Math.min(Integer.MAX_VALUE, request.timeout().toMillis()))) {
            int status = wire.exchange(head.toString().getBytes(StandardCharsets.US_ASCII), body, answer);
            return new WireReply(status, answer.body.toString(StandardCharsets.UTF_8), answer.headers);
        }
    }

    private static void header(StringBuilder head, String name, String value) {
        head.append(printable(name)).append(": ").append(printable(value)).append("\r\n");
    }

    private static String printable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) throw new IllegalArgumentException("not printable ASCII at " + i + ": " + text);
        }
        return text;
    }

    private Wire open(int readTimeoutMillis) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", port), CONNECT_TIMEOUT_MILLIS);
            socket.setSoTimeout(readTimeoutMillis);
            return new Wire(socket, socket.getOutputStream(), new BufferedInputStream(socket.getInputStream(), 16 * 1024));
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Closes the load loops' connections. */
    @Override
    public void close() {
        for (Socket socket : opened) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing at the end of a run
            }
        }
    }

    /** What {@link #send} keeps of an answer; {@link #status} keeps nothing. */
    private static final class Answer {
        final boolean head;
        final Map<String, List<String>> headers = new LinkedHashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        Answer(boolean head) {
            this.head = head;
        }
    }

    private record Wire(Socket socket, OutputStream out, InputStream in) implements AutoCloseable {
        /** Writes the request, reads the answer; headers and body go to {@code answer}, or are skipped when it is null. */
        int exchange(byte[] head, byte[] body, Answer answer) throws IOException {
            out.write(head);
            if (body.length > 0) out.write(body);
            out.flush();
            String status = line();
            if (status.length() < 12) throw new IOException("bad status line: " + status);
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                if (colon < 0) continue;
                String name = header.substring(0, colon).trim();
                String value = header.substring(colon + 1).trim();
                if (answer != null) answer.headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
                if (name.equalsIgnoreCase("Content-Length")) length = Long.parseLong(value);
                else if (name.equalsIgnoreCase("Transfer-Encoding")) chunked = value.equalsIgnoreCase("chunked");
                else if (name.equalsIgnoreCase("Connection")) close = value.equalsIgnoreCase("close");
            }
            boolean bodiless = code < 200 || code == 204 || code == 304 || (answer != null && answer.head);
            if (bodiless) {
                // no body, whatever the headers say
            } else if (chunked) {
                for (long size = chunkSize(); size > 0; size = chunkSize()) {
                    transfer(size, answer);
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            } else if (length > 0) {
                transfer(length, answer);
            } else if (length < 0 && answer != null) {
                answer.body.write(in.readAllBytes()); // delimited by the server closing the connection
            }
            if (close) socket.close();
            return code;
        }

        private long chunkSize() throws IOException {
            return Long.parseLong(line().split(";", 2)[0].trim(), 16);
        }

        /** Reads {@code n} body bytes into the answer, or skips them. */
        private void transfer(long n, Answer answer) throws IOException {
            if (answer != null) {
                byte[] bytes = in.readNBytes((int) n);
                if (bytes.length < n) throw new EOFException("connection closed in a body");
                answer.body.write(bytes);
                return;
            }
            long left = n;
            while (left > 0) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) throw new EOFException("connection closed in a body");
                    skipped = 1;
                }
                left -= skipped;
            }
        }

        private String line() throws IOException {
            StringBuilder text = new StringBuilder(64);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) throw new EOFException("connection closed");
                if (c != '\r') text.append((char) c);
            }
            return text.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
