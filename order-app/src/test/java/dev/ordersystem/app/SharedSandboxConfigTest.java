package dev.ordersystem.app;

import dev.ordersystem.http.payment.SandboxKeyFiles;
import dev.ordersystem.http.sandbox.StandaloneSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A shop using the standalone sandbox provider is configured exactly as against the real providers
 * (the variables of its {@code shop.env} plus its notify addresses): both channels collect payments
 * through it, and {@code ORDER_SANDBOX=true} beside those keys is still refused.
 */
class SharedSandboxConfigTest {
    @TempDir
    Path dir;

    @Test
    void theSandboxKeyFilesConfigureAShopAsRealProvidersWould() {
        try (StandaloneSandbox sandbox = StandaloneSandbox.start(dir, 0, Clock.systemUTC())) {
            Map<String, String> env = new HashMap<>(new SandboxKeyFiles(dir).shopSettings(sandbox.address()));
            env.put("WECHATPAY_NOTIFY_URL", "http://127.0.0.1:8080/api/v1/payments/wechat/notify");
            env.put("ALIPAY_NOTIFY_URL", "http://127.0.0.1:8080/api/v1/payments/alipay/notify");

            PaymentConfig config = PaymentConfig.from(ConfigSource.of(env));
            assertThat(config.sandbox()).isFalse();
            assertThat(config.wechat()).isPresent();
            assertThat(config.alipay()).isPresent();
            assertThat(config.wechatOutbound().orElseThrow().baseUrl()).hasToString(sandbox.address() + "/sandbox/wechatpay");
            assertThat(config.alipayOutbound().orElseThrow().gatewayUrl()).hasToString(sandbox.address() + "/sandbox/alipay/gateway.do");

            env.put("ORDER_SANDBOX", "true");
            assertThatThrownBy(() -> PaymentConfig.from(ConfigSource.of(env))).isInstanceOf(ConfigInvalid.class)
                    .hasMessageContaining("ORDER_SANDBOX: refused while real provider keys are configured");
        }
    }
}
