package dev.ordersystem.bench;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The load loops' HTTP/1.1 client: one kept-alive loopback socket per virtual thread, the request
 * written as bytes, the status read and the body skipped. {@code java.net.http} spent ~4× the
 * server's own CPU per POST here; this leaves the machine's two cores to the server under test.
 */
final class WireHttp implements AutoCloseable {
    private final int port;
    private final ThreadLocal<Wire> wires = new ThreadLocal<>();
    private final Queue<Socket> opened = new ConcurrentLinkedQueue<>();

    WireHttp(int port) {
        this.port = port;
    }

    int send(String method, String path, String token, String json) throws IOException {
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n");
        if (token != null) head.append("Authorization: Bearer ").append(token).append("\r\n");
        if (json != null) head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        head.append("\r\n");
        byte[] request = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        Wire wire = wires.get();
        if (wire == null || wire.socket.isClosed()) {
            wire = open();
            wires.set(wire);
        }
        try {
            return wire.exchange(request, body);
        } catch (IOException e) {
            wire.socket.close();
            wires.remove();
            throw e;
        }
    }

    private Wire open() throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(30_000);
        opened.add(socket);
        return new Wire(socket, socket.getOutputStream(), new BufferedInputStream(socket.getInputStream(), 16 * 1024));
    }

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

    private record Wire(Socket socket, OutputStream out, InputStream in) {
        int exchange(byte[] head, byte[] body) throws IOException {
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
                if (name.equalsIgnoreCase("Content-Length")) length = Long.parseLong(value);
                else if (name.equalsIgnoreCase("Transfer-Encoding")) chunked = value.equalsIgnoreCase("chunked");
                else if (name.equalsIgnoreCase("Connection")) close = value.equalsIgnoreCase("close");
            }
            if (chunked) {
                for (long size = Long.parseLong(line().split(";", 2)[0].trim(), 16); size > 0;
                     size = Long.parseLong(line().split(";", 2)[0].trim(), 16)) {
                    skip(size);
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            } else if (length > 0) {
                skip(length);
            }
            if (close) socket.close();
            return code;
        }

        private void skip(long n) throws IOException {
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
    }
}
