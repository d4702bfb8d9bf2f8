package dev.ordersystem.app;

import dev.ordersystem.http.payment.AlipayKeys;
import dev.ordersystem.http.payment.PaymentChannels;
import dev.ordersystem.http.payment.PaymentSandbox;
import dev.ordersystem.http.payment.Pem;
import dev.ordersystem.http.payment.WechatPayKeys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The payment channels of DESIGN §6: WeChat Pay v3 ({@code WECHATPAY_*}), Alipay ({@code ALIPAY_*})
 * and the local sandbox ({@code ORDER_SANDBOX}), read and checked at start. A channel is on when
 * its variables are set, and then every one of them must be valid; the sandbox is refused next
 * to real keys, so a production server can never take sandbox-signed notifications.
 */
public record PaymentConfig(Optional<WechatPayKeys> wechat, Optional<AlipayKeys> alipay, boolean sandbox) {
    static final List<String> WECHAT_KEYS = List.of("WECHATPAY_MCH_ID", "WECHATPAY_APP_ID", "WECHATPAY_API_V3_KEY", "WECHATPAY_PLATFORM_KEYS");
    static final List<String> ALIPAY_KEYS = List.of("ALIPAY_APP_ID", "ALIPAY_PUBLIC_KEY");

    /** No provider keys; the sandbox as given. */
    public static PaymentConfig sandboxOnly(boolean sandbox) {
        return new PaymentConfig(Optional.empty(), Optional.empty(), sandbox);
    }

    public static PaymentConfig from(ConfigSource source) {
        List<String> problems = new ArrayList<>();
        Optional<WechatPayKeys> wechat = wechat(source, problems);
        Optional<AlipayKeys> alipay = alipay(source, problems);
        boolean sandbox = "true".equals(source.get("ORDER_SANDBOX").orElse("false"));
        List<String> real = Stream.concat(Stream.concat(WECHAT_KEYS.stream(), ALIPAY_KEYS.stream()), Stream.of("ALIPAY_SELLER_ID"))
                .filter(key -> source.get(key).isPresent()).toList();
        if (sandbox && !real.isEmpty()) {
            problems.add("ORDER_SANDBOX: refused while real provider keys are configured (" + String.join(", ", real) + ")");
        }
        if (!problems.isEmpty()) throw new ConfigInvalid(problems);
        return new PaymentConfig(wechat, alipay, sandbox);
    }

    /** What the HTTP API verifies with: the configured channels, or the sandbox's fresh keys. */
    public PaymentChannels channels(Clock clock) {
        return sandbox ? PaymentChannels.sandbox(PaymentSandbox.generate(clock)) : PaymentChannels.of(wechat, alipay);
    }

    private static Optional<WechatPayKeys> wechat(ConfigSource source, List<String> problems) {
        if (!anySet(source, WECHAT_KEYS, problems, "WeChat Pay")) return Optional.empty();
        String apiV3Key = source.get("WECHATPAY_API_V3_KEY").orElseThrow();
        int before = problems.size();
        if (apiV3Key.getBytes(StandardCharsets.UTF_8).length != 32) {
            problems.add("WECHATPAY_API_V3_KEY: must be the 32-byte APIv3 key, was " + apiV3Key.getBytes(StandardCharsets.UTF_8).length + " bytes");
        }
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        for (String entry : source.get("WECHATPAY_PLATFORM_KEYS").orElseThrow().split(",")) {
            String[] parts = entry.trim().split("=", 2);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                problems.add("WECHATPAY_PLATFORM_KEYS: each entry must be serial=path-to-PEM, was '" + entry.trim() + "'");
                continue;
            }
            String serial = parts[0].trim();
            readKey("WECHATPAY_PLATFORM_KEYS (" + serial + ")", Path.of(parts[1].trim()), problems).ifPresent(key -> {
                if (keys.put(serial, key) != null) problems.add("WECHATPAY_PLATFORM_KEYS: serial " + serial + " appears twice");
            });
        }
        if (problems.size() > before) return Optional.empty();
        return Optional.of(WechatPayKeys.of(source.get("WECHATPAY_MCH_ID").orElseThrow(), source.get("WECHATPAY_APP_ID").orElseThrow(),
                apiV3Key, keys));
    }

    private static Optional<AlipayKeys> alipay(ConfigSource source, List<String> problems) {
        if (!anySet(source, ALIPAY_KEYS, problems, "Alipay")) {
            if (source.get("ALIPAY_SELLER_ID").isPresent()) problems.add("ALIPAY_SELLER_ID: set without ALIPAY_APP_ID and ALIPAY_PUBLIC_KEY");
            return Optional.empty();
        }
        return readKey("ALIPAY_PUBLIC_KEY", Path.of(source.get("ALIPAY_PUBLIC_KEY").orElseThrow()), problems)
                .map(key -> new AlipayKeys(source.get("ALIPAY_APP_ID").orElseThrow(), key, source.get("ALIPAY_SELLER_ID")));
    }

    /** True when the channel is on: all of {@code keys} set. Some but not all set is a problem. */
    private static boolean anySet(ConfigSource source, List<String> keys, List<String> problems, String channel) {
        List<String> missing = keys.stream().filter(key -> source.get(key).isEmpty()).toList();
        if (missing.size() == keys.size()) return false;
        if (!missing.isEmpty()) {
            problems.add(String.join(", ", missing) + ": required to turn on " + channel + " (set " + String.join(", ", keys) + ")");
            return false;
        }
        return true;
    }

    private static Optional<PublicKey> readKey(String name, Path file, List<String> problems) {
        try {
            return Optional.of(Pem.publicKey(Files.readString(file, StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            problems.add(name + ": cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        } catch (IllegalArgumentException e) {
            problems.add(name + ": " + file + " holds no RSA public key or certificate: " + e.getMessage());
        }
        return Optional.empty();
    }
}
