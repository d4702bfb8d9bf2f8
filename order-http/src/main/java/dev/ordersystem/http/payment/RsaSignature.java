package dev.ordersystem.http.payment;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/** SHA256withRSA, the signature both providers use (WeChat Pay v3, Alipay RSA2), base64 on the wire. */
public final class RsaSignature {
    private static final String ALGORITHM = "SHA256withRSA";

    private RsaSignature() {
    }

    /** Whether {@code base64Signature} signs {@code message} under {@code key}; junk is simply not valid. */
    public static boolean verifies(PublicKey key, byte[] message, String base64Signature) {
        try {
            byte[] signature = Base64.getDecoder().decode(base64Signature);
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    public static String sign(PrivateKey key, byte[] message) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(key);
            signer.update(message);
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with SHA256withRSA", e);
        }
    }
}
