package dev.ordersystem.app;

import dev.ordersystem.core.port.provider.PaymentProvider;
import dev.ordersystem.core.port.provider.BillsByChannel;
import dev.ordersystem.core.port.provider.ProviderBills;
import dev.ordersystem.core.port.provider.ProvidersByChannel;
import dev.ordersystem.http.payment.AlipayKeys;
import dev.ordersystem.http.payment.PaymentChannels;
import dev.ordersystem.http.payment.PaymentSandbox;
import dev.ordersystem.http.payment.Pem;
import dev.ordersystem.http.payment.WechatPayKeys;
import dev.ordersystem.http.provider.AlipayMerchant;
import dev.ordersystem.http.provider.AlipayBills;
import dev.ordersystem.http.provider.AlipayTrades;
import dev.ordersystem.http.provider.WechatPayBills;
import dev.ordersystem.http.provider.ProviderTimeouts;
import dev.ordersystem.http.provider.ProviderWire;
import dev.ordersystem.http.provider.WechatPayMerchant;
import dev.ordersystem.http.provider.WechatPayTrades;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The payment channels of DESIGN §6 and §13: WeChat Pay v3 ({@code WECHATPAY_*}), Alipay
 * ({@code ALIPAY_*}) and the local sandbox ({@code ORDER_SANDBOX}), read and checked at start. A
 * channel's notifications are on when their variables are set; collecting payments (starting,
 * querying, closing trades) is on when, in addition, the merchant's request key and notify
 * address are set. Every variable set must be valid; the sandbox is refused next to real keys,
 * so a production server can never take sandbox-signed notifications nor call the sandbox.
 */
public record PaymentConfig(Optional<WechatPayKeys> wechat, Optional<AlipayKeys> alipay, boolean sandbox,
                            Optional<WechatPayOutbound> wechatOutbound, Optional<AlipayOutbound> alipayOutbound) {
    static final List<String> WECHAT_KEYS = List.of("WECHATPAY_MCH_ID", "WECHATPAY_APP_ID", "WECHATPAY_API_V3_KEY", "WECHATPAY_PLATFORM_KEYS");
    static final List<String> ALIPAY_KEYS = List.of("ALIPAY_APP_ID", "ALIPAY_PUBLIC_KEY");
    static final List<String> WECHAT_OUTBOUND_KEYS = List.of("WECHATPAY_MCH_PRIVATE_KEY", "WECHATPAY_MCH_SERIAL", "WECHATPAY_NOTIFY_URL");
    static final List<String> ALIPAY_OUTBOUND_KEYS = List.of("ALIPAY_APP_PRIVATE_KEY", "ALIPAY_NOTIFY_URL");
    static final List<String> ADDRESSES = List.of("WECHATPAY_BASE_URL", "ALIPAY_GATEWAY_URL");

    /** What the shop signs its WeChat Pay requests with, where notifications go, and where the API is. */
    public record WechatPayOutbound(PrivateKey privateKey, String serial, URI notifyUrl, URI baseUrl) {
        @Override
        public String toString() {
            return "WechatPayOutbound[serial=" + serial + ", notifyUrl=" + notifyUrl + ", baseUrl=" + baseUrl + ", privateKey=<hidden>]";
        }
    }

    /** What the shop signs its Alipay requests with, where notifications go, and the gateway. */
    public record AlipayOutbound(PrivateKey privateKey, URI notifyUrl, URI gatewayUrl) {
        @Override
        public String toString() {
            return "AlipayOutbound[notifyUrl=" + notifyUrl + ", gatewayUrl=" + gatewayUrl + ", privateKey=<hidden>]";
        }
    }

    /** No provider keys; the sandbox as given. */
    public static PaymentConfig sandboxOnly(boolean sandbox) {
        return new PaymentConfig(Optional.empty(), Optional.empty(), sandbox, Optional.empty(), Optional.empty());
    }

    public static PaymentConfig from(ConfigSource source) {
        List<String> problems = new ArrayList<>();
        Optional<WechatPayKeys> wechat = wechat(source, problems);
        Optional<AlipayKeys> alipay = alipay(source, problems);
        Optional<WechatPayOutbound> wechatOutbound = wechatOutbound(source, problems);
        Optional<AlipayOutbound> alipayOutbound = alipayOutbound(source, problems);
        if (wechatOutbound.isPresent() && wechat.isEmpty()) {
            problems.add("WECHATPAY_MCH_PRIVATE_KEY: collecting WeChat Pay payments needs the notification settings too ("
                    + String.join(", ", WECHAT_KEYS) + "): the platform keys verify every answer");
        }
        if (alipayOutbound.isPresent() && alipay.isEmpty()) {
            problems.add("ALIPAY_APP_PRIVATE_KEY: collecting Alipay payments needs the notification settings too ("
                    + String.join(", ", ALIPAY_KEYS) + "): the Alipay public key verifies every answer");
        }
        boolean sandbox = "true".equals(source.get("ORDER_SANDBOX").orElse("false"));
        List<String> real = Stream.of(WECHAT_KEYS, ALIPAY_KEYS, List.of("ALIPAY_SELLER_ID"), WECHAT_OUTBOUND_KEYS, ALIPAY_OUTBOUND_KEYS, ADDRESSES)
                .flatMap(List::stream).filter(key -> source.get(key).isPresent()).toList();
        if (sandbox && !real.isEmpty()) {
            problems.add("ORDER_SANDBOX: refused while real provider keys are configured (" + String.join(", ", real) + ")");
        }
        if (!problems.isEmpty()) throw new ConfigInvalid(problems);
        return new PaymentConfig(wechat, alipay, sandbox, wechatOutbound, alipayOutbound);
    }

    /** What the HTTP API verifies with: the configured channels, or the sandbox's fresh keys. */
    public PaymentChannels channels(Clock clock) {
        return wire(clock, () -> URI.create("http://127.0.0.1")).channels();
    }

    /**
     * The notify channels and the provider clients. With the sandbox, both run on one set of fresh
     * keys and the clients call the sandbox provider of this very server ({@code self}, e.g.
     * {@code http://127.0.0.1:8080}, known once it listens) and name its notify routes.
     */
    public PaymentWiring wire(Clock clock, Supplier<URI> self) {
        ProviderWire wire = new ProviderWire(ProviderTimeouts.defaults());
        if (sandbox) {
            PaymentSandbox keys = PaymentSandbox.generate(clock);
            WechatPayTrades wechatTrades = new WechatPayTrades(new WechatPayMerchant(PaymentSandbox.WECHAT_MCH_ID, PaymentSandbox.WECHAT_APP_ID,
                    keys.wechatMerchantSerial(), keys.wechatMerchantKeyPair().getPrivate(),
                    () -> URI.create(self.get() + "/api/v1/payments/wechat/notify"), () -> URI.create(self.get() + "/sandbox/wechatpay")),
                    keys.wechatKeys(), wire, clock);
            AlipayTrades alipayTrades = new AlipayTrades(new AlipayMerchant(PaymentSandbox.ALIPAY_APP_ID, keys.alipayAppKeyPair().getPrivate(),
                    () -> URI.create(self.get() + "/api/v1/payments/alipay/notify"), () -> URI.create(self.get() + "/sandbox/alipay/gateway.do")),
                    keys.alipayKeyPair().getPublic(), wire, clock);
            WechatPayMerchant wechatMerchant = new WechatPayMerchant(PaymentSandbox.WECHAT_MCH_ID, PaymentSandbox.WECHAT_APP_ID,
                    keys.wechatMerchantSerial(), keys.wechatMerchantKeyPair().getPrivate(),
                    () -> URI.create(self.get() + "/api/v1/payments/wechat/notify"), () -> URI.create(self.get() + "/sandbox/wechatpay"));
            return new PaymentWiring(PaymentChannels.sandbox(keys), new ProvidersByChannel(List.of(wechatTrades, alipayTrades)),
                    new BillsByChannel(List.of(new WechatPayBills(wechatMerchant, wechatTrades, wire), new AlipayBills(alipayTrades, wire))));
        }
        List<PaymentProvider> providers = new ArrayList<>();
        List<ProviderBills> bills = new ArrayList<>();
        wechatOutbound.ifPresent(out -> {
            WechatPayMerchant merchant = new WechatPayMerchant(wechat.orElseThrow().mchId(), wechat.orElseThrow().appId(), out.serial(),
                    out.privateKey(), out::notifyUrl, out::baseUrl);
            WechatPayTrades trades = new WechatPayTrades(merchant, wechat.orElseThrow(), wire, clock);
            providers.add(trades);
            bills.add(new WechatPayBills(merchant, trades, wire));
        });
        alipayOutbound.ifPresent(out -> {
            AlipayTrades trades = new AlipayTrades(new AlipayMerchant(alipay.orElseThrow().appId(), out.privateKey(),
                    out::notifyUrl, out::gatewayUrl), alipay.orElseThrow().alipayPublicKey(), wire, clock);
            providers.add(trades);
            bills.add(new AlipayBills(trades, wire));
        });
        return new PaymentWiring(PaymentChannels.of(wechat, alipay), new ProvidersByChannel(providers), new BillsByChannel(bills));
    }

    private static Optional<WechatPayOutbound> wechatOutbound(ConfigSource source, List<String> problems) {
        Optional<URI> base = address(source, "WECHATPAY_BASE_URL", WechatPayMerchant.DEFAULT_BASE_URL, problems);
        if (!anySet(source, WECHAT_OUTBOUND_KEYS, problems, "collecting WeChat Pay payments")) return Optional.empty();
        String serial = source.get("WECHATPAY_MCH_SERIAL").orElseThrow().trim();
        if (!serial.matches("[0-9A-Fa-f]{8,64}")) problems.add("WECHATPAY_MCH_SERIAL: must be the merchant API certificate's serial number (hex)");
        Optional<PrivateKey> key = readPrivateKey("WECHATPAY_MCH_PRIVATE_KEY", Path.of(source.get("WECHATPAY_MCH_PRIVATE_KEY").orElseThrow()), problems);
        Optional<URI> notify = address(source, "WECHATPAY_NOTIFY_URL", null, problems);
        if (key.isEmpty() || notify.isEmpty() || base.isEmpty() || !serial.matches("[0-9A-Fa-f]{8,64}")) return Optional.empty();
        return Optional.of(new WechatPayOutbound(key.get(), serial, notify.get(), base.get()));
    }

    private static Optional<AlipayOutbound> alipayOutbound(ConfigSource source, List<String> problems) {
        Optional<URI> gateway = address(source, "ALIPAY_GATEWAY_URL", AlipayMerchant.DEFAULT_GATEWAY_URL, problems);
        if (!anySet(source, ALIPAY_OUTBOUND_KEYS, problems, "collecting Alipay payments")) return Optional.empty();
        Optional<PrivateKey> key = readPrivateKey("ALIPAY_APP_PRIVATE_KEY", Path.of(source.get("ALIPAY_APP_PRIVATE_KEY").orElseThrow()), problems);
        Optional<URI> notify = address(source, "ALIPAY_NOTIFY_URL", null, problems);
        if (key.isEmpty() || notify.isEmpty() || gateway.isEmpty()) return Optional.empty();
        return Optional.of(new AlipayOutbound(key.get(), notify.get(), gateway.get()));
    }

    /** An absolute http(s) address from {@code name}, or {@code fallback} when unset (null: none). */
    private static Optional<URI> address(ConfigSource source, String name, URI fallback, List<String> problems) {
        Optional<String> text = source.get(name);
        if (text.isEmpty()) return Optional.ofNullable(fallback);
        try {
            URI uri = new URI(text.get().trim());
            if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new URISyntaxException(text.get(), "not an absolute http(s) address without query");
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            problems.add(name + ": must be an absolute http(s) address without query, e.g. https://shop.example.com/…, was '" + text.get() + "'");
            return Optional.empty();
        }
    }

    private static Optional<PrivateKey> readPrivateKey(String name, Path file, List<String> problems) {
        try {
            return Optional.of(Pem.privateKey(Files.readString(file, StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            problems.add(name + ": cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        } catch (IllegalArgumentException e) {
            // The message names what was expected, never the key's content.
            problems.add(name + ": " + file + " holds no PKCS#8 RSA private key (PEM \"PRIVATE KEY\" or bare base64)");
        }
        return Optional.empty();
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
