package dev.ordersystem.http.payment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** How each provider wants to be answered: what stops its retries, and what makes it retry. */
public interface ProviderReplies {
    NotifyAnswer received(String outcome);

    NotifyAnswer failed(int status, String message, String outcome);

    /** WeChat Pay v3: 204 (or 200) with no body is success; anything else carries {@code {"code":"FAIL","message":…}}. */
    ProviderReplies WECHAT = new ProviderReplies() {
        private final ObjectMapper json = new ObjectMapper();

        @Override
        public NotifyAnswer received(String outcome) {
            return new NotifyAnswer(204, null, "", outcome);
        }

        @Override
        public NotifyAnswer failed(int status, String message, String outcome) {
            ObjectNode body = json.createObjectNode().put("code", "FAIL").put("message", message);
            return new NotifyAnswer(status, "application/json", body.toString(), outcome);
        }
    };

    /** Alipay reads only the body: exactly {@code success} stops its retries; {@code failure} asks for another try. */
    ProviderReplies ALIPAY = new ProviderReplies() {
        @Override
        public NotifyAnswer received(String outcome) {
            return new NotifyAnswer(200, "text/plain; charset=utf-8", "success", outcome);
        }

        @Override
        public NotifyAnswer failed(int status, String message, String outcome) {
            return new NotifyAnswer(status, "text/plain; charset=utf-8", "failure", outcome);
        }
    };
}
