package dev.ordersystem.http.payment;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * RSA keys as the providers hand them out: PEM ({@code PUBLIC KEY}, {@code CERTIFICATE} — WeChat's
 * platform certificates — or {@code PRIVATE KEY}), or Alipay's bare base64 public key text.
 */
public final class Pem {
    private Pem() {
    }

    public static PublicKey publicKey(String text) {
        try {
            if (text.contains("-----BEGIN CERTIFICATE-----")) {
                CertificateFactory x509 = CertificateFactory.getInstance("X.509");
                return x509.generateCertificate(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII))).getPublicKey();
            }
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(body(text, "PUBLIC KEY")));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("not an X.509 certificate: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an RSA public key: " + e.getMessage(), e);
        }
    }

    public static PrivateKey privateKey(String text) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(body(text, "PRIVATE KEY")));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a PKCS#8 RSA private key: " + e.getMessage(), e);
        }
    }

    public static String publicKeyPem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }

    /** A private key as PKCS#8 PEM ({@code PRIVATE KEY}), what {@link #privateKey(String)} reads back. */
    public static String privateKeyPem(PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    }

    private static byte[] body(String text, String label) {
        String base64 = text.replace("-----BEGIN " + label + "-----", "").replace("-----END " + label + "-----", "")
                .replaceAll("\\s", "");
        if (base64.contains("-----")) throw new IllegalArgumentException("expected a PEM " + label);
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not base64 inside the PEM " + label, e);
        }
    }
}
