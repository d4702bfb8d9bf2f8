package dev.ordersystem.app;

import dev.ordersystem.http.payment.Pem;
import dev.ordersystem.http.payment.PaymentChannels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HashMap;
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
}
