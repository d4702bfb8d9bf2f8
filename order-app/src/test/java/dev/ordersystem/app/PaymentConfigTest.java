package dev.ordersystem.app;

import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.http.payment.Pem;
import dev.ordersystem.http.payment.PaymentChannels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaymentConfigTest {
    @TempDir
    Path dir;

    private static KeyPair rsa() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private Path pem(String name, KeyPair keys) throws IOException {
        return Files.writeString(dir.resolve(name), Pem.publicKeyPem(keys.getPublic()));
    }

    private Map<String, String> real() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("WECHATPAY_MCH_ID", "1230000109");
        env.put("WECHATPAY_APP_ID", "wxd678efh567hg6787");
        env.put("WECHATPAY_API_V3_KEY", "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6");
        env.put("WECHATPAY_PLATFORM_KEYS", "SERIAL1=" + pem("old.pem", rsa()) + ", SERIAL2=" + pem("new.pem", rsa()));
        env.put("ALIPAY_APP_ID", "2021004100000001");
        env.put("ALIPAY_PUBLIC_KEY", pem("alipay.pem", rsa()).toString());
        env.put("ALIPAY_SELLER_ID", "2088102150477652");
        return env;
    }

    @Test
    void offByDefault() {
        PaymentConfig config = PaymentConfig.from(ConfigSource.of(Map.of()));
        assertThat(config.wechat()).isEmpty();
        assertThat(config.alipay()).isEmpty();
        assertThat(config.sandbox()).isFalse();
    }

    @Test
    void readsBothChannelsWithSeveralPlatformKeys() throws Exception {
        PaymentConfig config = PaymentConfig.from(ConfigSource.of(real()));
        assertThat(config.wechat()).hasValueSatisfying(keys -> {
            assertThat(keys.platformKeys()).containsOnlyKeys("SERIAL1", "SERIAL2");
            assertThat(keys.mchId()).isEqualTo("1230000109");
        });
        assertThat(config.alipay()).hasValueSatisfying(keys -> assertThat(keys.sellerId()).contains("2088102150477652"));
        PaymentChannels channels = config.channels(Clock.systemUTC());
        assertThat(channels.sandbox()).isEmpty();
        assertThat(channels.wechat()).isPresent();
    }

    @Test
    void namesEveryProblem() throws Exception {
        Map<String, String> env = real();
        env.remove("WECHATPAY_APP_ID");
        env.put("ALIPAY_PUBLIC_KEY", dir.resolve("missing.pem").toString());
        assertThatThrownBy(() -> PaymentConfig.from(ConfigSource.of(env))).isInstanceOf(ConfigInvalid.class)
                .satisfies(e -> assertThat(((ConfigInvalid) e).problems()).hasSize(2)
                        .anySatisfy(p -> assertThat(p).startsWith("WECHATPAY_APP_ID: required"))
                        .anySatisfy(p -> assertThat(p).startsWith("ALIPAY_PUBLIC_KEY: cannot read")));

        Map<String, String> badKeys = real();
        badKeys.put("WECHATPAY_API_V3_KEY", "too-short");
        badKeys.put("WECHATPAY_PLATFORM_KEYS", "SERIAL1, SERIAL2=" + Files.writeString(dir.resolve("junk.pem"), "hello"));
        assertThatThrownBy(() -> PaymentConfig.from(ConfigSource.of(badKeys))).isInstanceOf(ConfigInvalid.class)
                .satisfies(e -> assertThat(((ConfigInvalid) e).problems()).hasSize(3)
                        .anySatisfy(p -> assertThat(p).contains("32-byte"))
                        .anySatisfy(p -> assertThat(p).contains("serial=path-to-PEM"))
                        .anySatisfy(p -> assertThat(p).contains("SERIAL2").contains("no RSA public key")));
    }

    @Test
    void sellerWithoutAlipayIsAMistake() {
        assertThatThrownBy(() -> PaymentConfig.from(ConfigSource.of(Map.of("ALIPAY_SELLER_ID", "2088"))))
                .isInstanceOf(ConfigInvalid.class).hasMessageContaining("ALIPAY_SELLER_ID");
    }

    @Test
    void sandboxRunsOnGeneratedKeysAndIsRefusedNextToRealOnes() throws Exception {
        PaymentConfig sandbox = PaymentConfig.from(ConfigSource.of(Map.of("ORDER_SANDBOX", "true")));
        PaymentChannels channels = sandbox.channels(Clock.systemUTC());
        assertThat(channels.sandbox()).isPresent();
        assertThat(channels.wechat()).isPresent();
        assertThat(channels.alipay()).isPresent();

        Map<String, String> env = real();
        env.put("ORDER_SANDBOX", "true");
        assertThatThrownBy(() -> PaymentConfig.from(ConfigSource.of(env))).isInstanceOf(ConfigInvalid.class)
                .hasMessageContaining("ORDER_SANDBOX: refused while real provider keys are configured");
        assertThatThrownBy(() -> PaymentConfig.from(ConfigSource.of(Map.of("ORDER_SANDBOX", "true", "ALIPAY_APP_ID", "2021"))))
                .isInstanceOf(ConfigInvalid.class).hasMessageContaining("ORDER_SANDBOX: refused");
    }

    private Path privatePem(String name, KeyPair keys) throws IOException {
        return Files.writeString(dir.resolve(name), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
    }

    private Map<String, String> collecting() throws Exception {
        Map<String, String> env = real();
        env.put("WECHATPAY_MCH_PRIVATE_KEY", privatePem("apiclient_key.pem", rsa()).toString());
        env.put("WECHATPAY_MCH_SERIAL", "5157F09EFDC096DE15EBE81A47057A7232F1B8E1");
        env.put("WECHATPAY_NOTIFY_URL", "https://shop.example.com/api/v1/payments/wechat/notify");
        env.put("ALIPAY_APP_PRIVATE_KEY", Files.writeString(dir.resolve("alipay_app.txt"),
                Base64.getEncoder().encodeToString(rsa().getPrivate().getEncoded())).toString()); // Alipay's tool writes bare base64
        env.put("ALIPAY_NOTIFY_URL", "https://shop.example.com/api/v1/payments/alipay/notify");
        return env;
    }

    @Test
    void collectingPaymentsReadsTheRequestKeysAndAddressesWithTheProvidersDefaults() throws Exception {
        PaymentConfig config = PaymentConfig.from(ConfigSource.of(collecting()));
        assertThat(config.wechatOutbound()).hasValueSatisfying(out -> {
            assertThat(out.baseUrl()).hasToString("https://api.mch.weixin.qq.com");
            assertThat(out.serial()).isEqualTo("5157F09EFDC096DE15EBE81A47057A7232F1B8E1");
            assertThat(out.toString()).contains("<hidden>").doesNotContain(Base64.getEncoder().encodeToString(out.privateKey().getEncoded()));
        });
        assertThat(config.alipayOutbound()).hasValueSatisfying(out -> assertThat(out.gatewayUrl()).hasToString("https://openapi.alipay.com/gateway.do"));
        PaymentWiring wiring = config.wire(Clock.systemUTC(), () -> URI.create("http://127.0.0.1:1"));
        assertThat(wiring.provider().channels()).containsExactlyInAnyOrder(PaymentChannel.WECHAT,
                PaymentChannel.ALIPAY);

        Map<String, String> moved = collecting();
        moved.put("WECHATPAY_BASE_URL", "https://api2.mch.weixin.qq.com");
        moved.put("ALIPAY_GATEWAY_URL", "https://openapi-sandbox.dl.alipaydev.com/gateway.do");
        PaymentConfig elsewhere = PaymentConfig.from(ConfigSource.of(moved));
        assertThat(elsewhere.wechatOutbound().orElseThrow().baseUrl()).hasToString("https://api2.mch.weixin.qq.com");
        assertThat(elsewhere.alipayOutbound().orElseThrow().gatewayUrl()).hasToString("https://openapi-sandbox.dl.alipaydev.com/gateway.do");

        assertThat(PaymentConfig.from(ConfigSource.of(real())).wire(Clock.systemUTC(), () -> URI.create("http://127.0.0.1:1"))
                .provider().channels()).as("notifications only: no trade can be started").isEmpty();
    }

    @Test
    void everyCollectingProblemIsNamedByItsVariableAndNoKeyIsPrinted() throws Exception {
        Map<String, String> env = collecting();
        Path junk = Files.writeString(dir.resolve("junk.pem"), "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWtleS1tYXRlcmlhbA==\n-----END PRIVATE KEY-----\n");
        env.put("WECHATPAY_MCH_PRIVATE_KEY", junk.toString());
        env.put("WECHATPAY_MCH_SERIAL", "not hex");
        env.put("WECHATPAY_BASE_URL", "api.mch.weixin.qq.com");
        env.remove("ALIPAY_NOTIFY_URL");
        env.put("ALIPAY_GATEWAY_URL", "ftp://gateway");
        assertThatThrownBy(() -> PaymentConfig.from(ConfigSource.of(env))).isInstanceOf(ConfigInvalid.class)
                .satisfies(e -> assertThat(((ConfigInvalid) e).problems()).hasSize(5)
                        .anySatisfy(p -> assertThat(p).startsWith("WECHATPAY_MCH_PRIVATE_KEY: ").contains("no PKCS#8 RSA private key"))
                        .anySatisfy(p -> assertThat(p).startsWith("WECHATPAY_MCH_SERIAL: "))
                        .anySatisfy(p -> assertThat(p).startsWith("WECHATPAY_BASE_URL: must be an absolute http(s) address"))
                        .anySatisfy(p -> assertThat(p).startsWith("ALIPAY_NOTIFY_URL: required to turn on collecting Alipay payments"))
                        .anySatisfy(p -> assertThat(p).startsWith("ALIPAY_GATEWAY_URL: "))
                        .allSatisfy(p -> assertThat(p).doesNotContain("c2VjcmV0LWtleS1tYXRlcmlhbA")));

        Map<String, String> withoutNotifications = collecting();
        WECHAT_AND_ALIPAY_NOTIFICATION_KEYS.forEach(withoutNotifications::remove);
        assertThatThrownBy(() -> PaymentConfig.from(ConfigSource.of(withoutNotifications))).isInstanceOf(ConfigInvalid.class)
                .satisfies(e -> assertThat(((ConfigInvalid) e).problems())
                        .anySatisfy(p -> assertThat(p).startsWith("WECHATPAY_MCH_PRIVATE_KEY: collecting WeChat Pay payments needs the notification settings"))
                        .anySatisfy(p -> assertThat(p).startsWith("ALIPAY_APP_PRIVATE_KEY: collecting Alipay payments needs the notification settings")));
    }

    private static final List<String> WECHAT_AND_ALIPAY_NOTIFICATION_KEYS = List.of("WECHATPAY_MCH_ID", "WECHATPAY_APP_ID",
            "WECHATPAY_API_V3_KEY", "WECHATPAY_PLATFORM_KEYS", "ALIPAY_APP_ID", "ALIPAY_PUBLIC_KEY", "ALIPAY_SELLER_ID");

    @Test
    void theSandboxWiresBothClientsAtThisServerAndIsRefusedNextToARealRequestKeyOrAddress() throws Exception {
        PaymentWiring sandbox = PaymentConfig.from(ConfigSource.of(Map.of("ORDER_SANDBOX", "true")))
                .wire(Clock.systemUTC(), () -> URI.create("http://127.0.0.1:1"));
        assertThat(sandbox.channels().sandbox()).isPresent();
        assertThat(sandbox.provider().channels()).hasSize(2);
        for (String real : List.of("WECHATPAY_MCH_SERIAL", "WECHATPAY_BASE_URL", "ALIPAY_GATEWAY_URL")) {
            Map<String, String> env = new HashMap<>(Map.of("ORDER_SANDBOX", "true"));
            env.put(real, real.endsWith("URL") ? "https://provider.example.com" : "ABCDEF0123456789");
            assertThatThrownBy(() -> PaymentConfig.from(ConfigSource.of(env))).isInstanceOf(ConfigInvalid.class)
                    .hasMessageContaining("ORDER_SANDBOX: refused").hasMessageContaining(real);
        }
    }
}
