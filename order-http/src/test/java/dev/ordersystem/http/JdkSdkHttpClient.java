package dev.ordersystem.http;

import com.wechat.pay.java.core.Config;
import com.wechat.pay.java.core.http.AbstractHttpClient;
import com.wechat.pay.java.core.http.HttpRequest;
import com.wechat.pay.java.core.http.JsonRequestBody;
import com.wechat.pay.java.core.http.OriginalResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * wechatpay-java's HTTP client contract on the JDK client (the SDK's own needs okhttp, which the
 * build leaves out): the SDK builds, signs, validates and parses every call exactly as it would
 * against WeChat Pay; only the host is the sandbox's, {@code https://api.mch.weixin.qq.com/v3/…}
 * becoming {@code <sandbox>/sandbox/wechatpay/v3/…}.
 */
final class JdkSdkHttpClient extends AbstractHttpClient {
    private static final List<String> WECHATPAY_HEADERS = List.of("Wechatpay-Serial", "Wechatpay-Timestamp", "Wechatpay-Nonce",
            "Wechatpay-Signature", "Wechatpay-Signature-Type", "Request-ID", "Content-Type");
    private final HttpClient client = HttpClient.newHttpClient();
    private final String sandboxBase;

    JdkSdkHttpClient(Config config, String sandboxBase) {
        super(config.createCredential(), config.createValidator());
        this.sandboxBase = sandboxBase;
    }

    @Override
    protected OriginalResponse innerExecute(HttpRequest request) {
        URI api = request.getUri();
        URI target = URI.create(sandboxBase + "/sandbox/wechatpay" + api.getRawPath() + (api.getRawQuery() == null ? "" : "?" + api.getRawQuery()));
        String body = request.getBody() instanceof JsonRequestBody json ? json.getBody() : null;
        java.net.http.HttpRequest.Builder jdk = java.net.http.HttpRequest.newBuilder(target).method(request.getHttpMethod().name(),
                body == null ? java.net.http.HttpRequest.BodyPublishers.noBody() : java.net.http.HttpRequest.BodyPublishers.ofString(body));
        request.getHeaders().getHeaders().forEach(jdk::header);
        try {
            HttpResponse<String> response = client.send(jdk.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> headers = new HashMap<>();
            for (String name : WECHATPAY_HEADERS) response.headers().firstValue(name).ifPresent(value -> headers.put(name, value));
            return new OriginalResponse.Builder().request(request).statusCode(response.statusCode()).headers(headers)
                    .contentType(headers.get("Content-Type")).body(response.body()).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A bill file: the address the sandbox handed out (already the sandbox's), fetched with the SDK's signed headers. */
    @Override
    protected InputStream innerDownload(HttpRequest request) {
        URI address = request.getUri();
        URI target = address.getHost().equals("api.mch.weixin.qq.com")
                ? URI.create(sandboxBase + "/sandbox/wechatpay" + address.getRawPath() + (address.getRawQuery() == null ? "" : "?" + address.getRawQuery()))
                : address;
        java.net.http.HttpRequest.Builder jdk = java.net.http.HttpRequest.newBuilder(target).GET();
        request.getHeaders().getHeaders().forEach(jdk::header);
        try {
            HttpResponse<InputStream> response = client.send(jdk.build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) throw new IllegalStateException("download answered " + response.statusCode());
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected String getHttpClientInfo() {
        return "jdk-httpclient/" + Runtime.version().feature();
    }
}
