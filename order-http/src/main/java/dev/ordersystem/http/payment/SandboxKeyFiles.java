package dev.ordersystem.http.payment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sandbox's keys as files in one directory, so several processes share them: the standalone
 * sandbox provider signs with the providers' private halves; each shop instance is configured like
 * a production shop ({@link #shopSettings}: the providers' public keys, the merchant's private keys)
 * pointing at it. PEM files (private ones readable by the owner only), the serials and the APIv3
 * key as text, and {@code complete} written last, so a half-written directory is never read.
 * Sandbox keys only: they protect nothing.
 */
public final class SandboxKeyFiles {
    /** Every key and secret of one sandbox. */
    public record Keys(KeyPair wechatPlatform, String wechatSerial, String apiV3Key, KeyPair alipay,
                       KeyPair wechatMerchant, String wechatMerchantSerial, KeyPair alipayApp) {
        @Override
        public String toString() {
            return "Keys[wechatSerial=" + wechatSerial + ", wechatMerchantSerial=" + wechatMerchantSerial + ", <keys hidden>]";
        }
    }

    private final Path dir;

    public SandboxKeyFiles(Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    public boolean present() {
        return Files.isRegularFile(dir.resolve("complete"));
    }

    public void write(Keys keys) {
        try {
            Files.createDirectories(dir);
            pair("wechat-platform", keys.wechatPlatform());
            pair("alipay", keys.alipay());
            pair("wechat-merchant", keys.wechatMerchant());
            pair("alipay-app", keys.alipayApp());
            text("wechat-platform.serial", keys.wechatSerial(), false);
            text("wechat-merchant.serial", keys.wechatMerchantSerial(), false);
            text("wechat-apiv3.key", keys.apiV3Key(), true);
            text("complete", "sandbox keys\n", false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sandbox keys to " + dir, e);
        }
    }

    public Keys read() {
        if (!present()) throw new IllegalStateException(dir + " holds no complete set of sandbox keys");
        try {
            return new Keys(pair("wechat-platform"), read("wechat-platform.serial"), read("wechat-apiv3.key"), pair("alipay"),
                    pair("wechat-merchant"), read("wechat-merchant.serial"), pair("alipay-app"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sandbox keys in " + dir, e);
        }
    }

    /**
     * The variables a shop instance sets to use the sandbox at {@code sandbox} (e.g.
     * {@code http://127.0.0.1:8090}) as its WeChat Pay and Alipay, without {@code ORDER_SANDBOX}:
     * all but the two notify addresses, which name the instance itself.
     */
    public Map<String, String> shopSettings(URI sandbox) {
        Keys keys = read();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("WECHATPAY_MCH_ID", PaymentSandbox.WECHAT_MCH_ID);
        env.put("WECHATPAY_APP_ID", PaymentSandbox.WECHAT_APP_ID);
        env.put("WECHATPAY_API_V3_KEY", keys.apiV3Key());
        env.put("WECHATPAY_PLATFORM_KEYS", keys.wechatSerial() + "=" + dir.resolve("wechat-platform.pem"));
        env.put("WECHATPAY_MCH_PRIVATE_KEY", dir.resolve("wechat-merchant.key").toString());
        env.put("WECHATPAY_MCH_SERIAL", keys.wechatMerchantSerial());
        env.put("WECHATPAY_BASE_URL", sandbox + "/sandbox/wechatpay");
        env.put("ALIPAY_APP_ID", PaymentSandbox.ALIPAY_APP_ID);
        env.put("ALIPAY_SELLER_ID", PaymentSandbox.ALIPAY_SELLER_ID);
        env.put("ALIPAY_PUBLIC_KEY", dir.resolve("alipay.pem").toString());
        env.put("ALIPAY_APP_PRIVATE_KEY", dir.resolve("alipay-app.key").toString());
        env.put("ALIPAY_GATEWAY_URL", sandbox + "/sandbox/alipay/gateway.do");
        return env;
    }

    private void pair(String name, KeyPair pair) throws IOException {
        text(name + ".key", Pem.privateKeyPem(pair.getPrivate()), true);
        text(name + ".pem", Pem.publicKeyPem(pair.getPublic()), false);
    }

    private KeyPair pair(String name) throws IOException {
        return new KeyPair(Pem.publicKey(read(name + ".pem")), Pem.privateKey(read(name + ".key")));
    }

    private void text(String name, String content, boolean secret) throws IOException {
        Path temp = Files.createTempFile(dir, name, ".tmp");
        if (secret) Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(temp, content, StandardCharsets.US_ASCII);
        Files.move(temp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private String read(String name) throws IOException {
        return Files.readString(dir.resolve(name), StandardCharsets.US_ASCII).strip();
    }
}
