package dev.ordersystem.core.port.provider;

import dev.ordersystem.core.domain.PaymentScene;

import java.util.Objects;

/**
 * What a scene hands the buyer's page to pay an open trade (DESIGN §13), one record per kind of
 * answer; {@link #answers} tells which scenes each one serves.
 */
public sealed interface PayLink {

    /** Whether this answer belongs to {@code scene} (a provider answering another scene's fields is a defect). */
    boolean answers(PaymentScene scene);

    /** WeChat {@code NATIVE}: the {@code code_url} to show as a QR code. */
    record CodeUrl(String codeUrl) implements PayLink {
        public CodeUrl {
            requireText(codeUrl, "codeUrl");
        }

        @Override
        public boolean answers(PaymentScene scene) {
            return scene == PaymentScene.NATIVE;
        }
    }

    /**
     * WeChat {@code JSAPI}: the {@code prepay_id} and the signed parameters the page passes to
     * {@code wx.requestPayment} / {@code WeixinJSBridge}.
     */
    record JsapiPrepay(String prepayId, JsapiPayParams params) implements PayLink {
        public JsapiPrepay {
            requireText(prepayId, "prepayId");
            Objects.requireNonNull(params, "params");
        }

        @Override
        public boolean answers(PaymentScene scene) {
            return scene == PaymentScene.JSAPI;
        }
    }

    /** WeChat {@code H5}: the {@code h5_url} the mobile browser opens. */
    record H5Url(String h5Url) implements PayLink {
        public H5Url {
            requireText(h5Url, "h5Url");
        }

        @Override
        public boolean answers(PaymentScene scene) {
            return scene == PaymentScene.H5;
        }
    }

    /** Alipay {@code QR}: the {@code qr_code} of {@code alipay.trade.precreate}, to show as a QR code. */
    record QrCode(String qrCode) implements PayLink {
        public QrCode {
            requireText(qrCode, "qrCode");
        }

        @Override
        public boolean answers(PaymentScene scene) {
            return scene == PaymentScene.QR;
        }
    }

    /** Alipay {@code PAGE} and {@code WAP}: the signed gateway address ({@code GET}) that opens the pay page. */
    record PayUrl(String payUrl) implements PayLink {
        public PayUrl {
            requireText(payUrl, "payUrl");
        }

        @Override
        public boolean answers(PaymentScene scene) {
            return scene == PaymentScene.PAGE || scene == PaymentScene.WAP;
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException(name + " must not be blank");
    }
}
