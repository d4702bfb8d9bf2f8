package dev.ordersystem.http;

import dev.ordersystem.http.TestServer.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A body over the cap is answered 400/40005 naming {@code body}, and the client reads that answer:
 * the server must not close the connection on a request body it has not read, or the kernel
 * resets it and the client loses the answer (seen as "header parser received no bytes").
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OversizedBodyTest {
    private final TestServer server = TestServer.start();
    private final ShopSteps shop = new ShopSteps(server);
    private final ShopSteps.Buyer buyer = shop.buyer();

    @AfterAll
    void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0} KiB")
    @ValueSource(ints = {65, 70, 256, 1000})
    void everyClientReadsTheRefusal(int kib) {
        String body = "{\"note\":\"" + "x".repeat(kib * 1024) + "\"}";
        for (int i = 0; i < 100; i++) {
            Reply reply = server.post("/api/v1/orders", buyer.token(), body);
            assertThat(reply.status()).as("attempt %d", i).isEqualTo(400);
            assertThat(reply.code()).isEqualTo(40005);
            assertThat(reply.json().path("errors").get(0).path("field").asText()).isEqualTo("body");
        }
        assertThat(server.get("/api/v1/me", buyer.token()).status()).isEqualTo(200);
    }
}
