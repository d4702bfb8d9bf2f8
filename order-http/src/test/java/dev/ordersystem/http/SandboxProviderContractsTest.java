package dev.ordersystem.http;

import dev.ordersystem.core.contract.AbstractPaymentProviderTest;
import dev.ordersystem.core.domain.PaymentScene;
import dev.ordersystem.core.port.provider.NewTrade;
import dev.ordersystem.core.port.provider.PayLink;
import dev.ordersystem.core.port.provider.PaymentProvider;
import dev.ordersystem.http.payment.PaymentChannels;
import dev.ordersystem.http.payment.PaymentSandbox;
import dev.ordersystem.http.provider.ProviderTimeouts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link dev.ordersystem.core.port.provider.PaymentProvider} contract, run by the WeChat Pay
 * and the Alipay client against the sandbox provider; the buyer pays at the sandbox's cashier.
 */
class SandboxProviderContractsTest {
    /** One server with the sandbox provider, the shop's client for one channel, and a buyer's browser. */
    abstract static class OnSandbox extends AbstractPaymentProviderTest {
        final ShiftedClock clock = new ShiftedClock();
        final PaymentSandbox sandbox = PaymentSandbox.generate(clock);
        final TestServer server = TestServer.builder().clock(clock).payments(PaymentChannels.sandbox(sandbox)).start();
        final String base = "http://127.0.0.1:" + server.app().port();
        final NotifyReceiver shop = new NotifyReceiver(204);
        private final HttpClient browser = HttpClient.newHttpClient();

        @AfterEach
        void stop() {
            shop.close();
            server.close();
        }

        @Override
        protected void buyerOpens(PayLink link) {
            if (link instanceof PayLink.PayUrl page) {
                assertThat(send(HttpRequest.newBuilder(URI.create(page.payUrl())).build()).statusCode()).isEqualTo(302);
            }
        }

        @Override
        protected boolean buyerPays(NewTrade trade, long minor) {
            String form = "channel=" + trade.channel().name() + "&amount=exact";
            if (minor != trade.amount().minor()) {
                assertThat(minor).as("the cashier's wrong amount is one fen less").isEqualTo(trade.amount().minor() - 1);
                form = "channel=" + trade.channel().name() + "&amount=wrong";
            }
            HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(base + "/sandbox/cashier/" + trade.outTradeNo().value() + "/pay"))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build());
            assertThat(answer.statusCode()).as(answer.body()).isIn(200, 409);
            return answer.statusCode() == 200;
        }

        @Override
        protected void timePasses(Duration by) {
            clock.advance(by);
        }

        @Override
        protected Instant now() {
            return clock.instant();
        }

        private HttpResponse<String> send(HttpRequest request) {
            try {
                return browser.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new AssertionError(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Nested
    class WechatPayClient extends OnSandbox {
        private final PaymentProvider client = SandboxMerchant.wechat(sandbox, base, shop.url("/notify"), ProviderTimeouts.defaults(), clock);

        @Override
        protected PaymentProvider provider() {
            return client;
        }

        @Override
        protected List<PaymentScene> scenes() {
            return List.of(PaymentScene.NATIVE, PaymentScene.JSAPI, PaymentScene.H5);
        }
    }

    @Nested
    class AlipayClient extends OnSandbox {
        private final PaymentProvider client = SandboxMerchant.alipay(sandbox, base, shop.url("/notify"), ProviderTimeouts.defaults(), clock);

        @Override
        protected PaymentProvider provider() {
            return client;
        }

        @Override
        protected List<PaymentScene> scenes() {
            return List.of(PaymentScene.QR, PaymentScene.PAGE, PaymentScene.WAP);
        }
    }
}
