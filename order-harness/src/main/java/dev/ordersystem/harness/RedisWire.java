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
import java.util.List;

/**
 * A minimal RESP client on one connection to the Redis on loopback, for the suites' own chores
 * (queueing jobs in bulk, reading the delay queue, clearing a key prefix); the app under test
 * uses its own Jedis adapters. Replies: simple and bulk strings as {@code String} (nil as null),
 * integers as {@code Long}, arrays as {@code List}; an error reply throws {@link IOException}.
 */
public final class RedisWire implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    public RedisWire(int port) throws IOException {
        socket = new Socket();
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            socket.setSoTimeout(10_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream());
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    public Object call(List<String> args) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        buf.writeBytes(("*" + args.size() + "\r\n").getBytes(StandardCharsets.UTF_8));
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            buf.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
            buf.writeBytes(bytes);
            buf.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.write(buf.toByteArray());
        out.flush();
        return read();
    }

    public Object call(String... args) throws IOException {
        return call(List.of(args));
    }

    /**
     * One command on the node at {@code port}, or, when that node is part of a Redis Cluster and
     * answers {@code MOVED <slot> <host>:<port>}, on the node that owns the key (on one server: the
     * plain call).
     */
    public static Object callOnOwner(int port, String... args) throws IOException {
        try (RedisWire redis = new RedisWire(port)) {
            return redis.call(args);
        } catch (IOException e) {
            String message = String.valueOf(e.getMessage());
            if (!message.startsWith("Redis: MOVED ")) throw e;
            int owner = Integer.parseInt(message.substring(message.lastIndexOf(':') + 1).strip());
            try (RedisWire redis = new RedisWire(owner)) {
                return redis.call(args);
            }
        }
    }

    /** Deletes every key matching {@code pattern} (SCAN, not KEYS, so Redis never blocks). */
    public long deleteMatching(String pattern) throws IOException {
        String cursor = "0";
        long deleted = 0;
        do {
            List<?> reply = (List<?>) call("SCAN", cursor, "MATCH", pattern, "COUNT", "1000");
            cursor = (String) reply.get(0);
            List<?> keys = (List<?>) reply.get(1);
            for (Object key : keys) deleted += (Long) call("DEL", (String) key);
        } while (!cursor.equals("0"));
        return deleted;
    }

    private Object read() throws IOException {
        int type = in.read();
        if (type < 0) throw new EOFException("Redis closed the connection");
        String line = line();
        return switch (type) {
            case '+' -> line;
            case '-' -> throw new IOException("Redis: " + line);
            case ':' -> Long.parseLong(line);
            case '$' -> {
                int length = Integer.parseInt(line);
                if (length < 0) yield null;
                byte[] bytes = in.readNBytes(length + 2);
                yield new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            case '*' -> {
                int n = Integer.parseInt(line);
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < n; i++) items.add(read());
                yield items;
            }
            default -> throw new IOException("unexpected RESP type " + type);
        };
    }

    private String line() throws IOException {
        StringBuilder s = new StringBuilder();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) throw new EOFException("Redis closed the connection");
            s.append((char) c);
        }
        in.read(); // '\n'
        return s.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
