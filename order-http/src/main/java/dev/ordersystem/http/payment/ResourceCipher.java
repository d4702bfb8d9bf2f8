package dev.ordersystem.http.payment;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * WeChat Pay v3's {@code AEAD_AES_256_GCM}: the notification {@code resource} is encrypted with
 * the merchant's 32-byte APIv3 key, its own nonce and associated data; the base64 ciphertext
 * carries the 16-byte tag at its end, so any change to ciphertext, nonce or data fails to decrypt.
 */
public final class ResourceCipher {
    private static final int TAG_BITS = 128;
    private final SecretKeySpec key;

    public ResourceCipher(byte[] apiV3Key) {
        if (apiV3Key.length != 32) throw new IllegalArgumentException("the APIv3 key must be 32 bytes, was " + apiV3Key.length);
        this.key = new SecretKeySpec(apiV3Key, "AES");
    }

    public String decrypt(String associatedData, String nonce, String base64Ciphertext) {
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, associatedData, nonce);
            return new String(cipher.doFinal(Base64.getDecoder().decode(base64Ciphertext)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new NotificationRejected(NotificationRejected.Reason.UNDECRYPTABLE,
                    "resource does not decrypt with the APIv3 key: " + e.getClass().getSimpleName());
        }
    }

    public String encrypt(String associatedData, String nonce, String plaintext) {
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, associatedData, nonce);
            return Base64.getEncoder().encodeToString(cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    private Cipher cipher(int mode, String associatedData, String nonce) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce.getBytes(StandardCharsets.UTF_8)));
        if (associatedData != null && !associatedData.isEmpty()) {
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
        }
        return cipher;
    }
}
