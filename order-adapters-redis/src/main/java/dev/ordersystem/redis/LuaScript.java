package dev.ordersystem.redis;

import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A Lua script sent by its SHA-1 ({@code EVALSHA}), and in full ({@code EVAL}) only when the server
 * does not know it yet (first use, or after a restart or {@code SCRIPT FLUSH}). The scripts live
 * as {@code .lua} resources beside this class (under {@code dev/ordersystem/redis/}), each read
 * once, into a {@code static final} field of the adapter that runs it.
 */
final class LuaScript {
    private final String source;
    private final String sha1;

    private LuaScript(String source) {
        this.source = source;
        this.sha1 = sha1Hex(source);
    }

    /** The script made of these resources (paths relative to this package), joined in order. */
    static LuaScript load(String... resources) {
        StringBuilder source = new StringBuilder();
        for (String resource : resources) {
            try (InputStream in = LuaScript.class.getResourceAsStream(resource)) {
                if (in == null) throw new IllegalStateException("no Lua script " + resource + " beside " + LuaScript.class.getName());
                source.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the Lua script " + resource, e);
            }
        }
        return new LuaScript(source.toString());
    }

    Object run(UnifiedJedis redis, List<String> keys, List<String> args) {
        try {
            return redis.evalsha(sha1, keys, args);
        } catch (JedisNoScriptException e) {
            return redis.eval(source, keys, args);
        }
    }

    private static String sha1Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }
}
