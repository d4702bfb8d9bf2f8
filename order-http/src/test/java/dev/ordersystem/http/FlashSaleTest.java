package dev.ordersystem.http;

import dev.ordersystem.http.ShopSteps.Buyer;
import dev.ordersystem.http.TestServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Many buyers race for a few units over HTTP: exactly the stock is sold, the rest get 40002. */
class FlashSaleTest {
    private static final int BUYERS = 24;
    private static final int UNITS = 5;

    private final TestServer server = TestServer.start();
    private final ShopSteps shop = new ShopSteps(server);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void neverSellsMoreThanTheStock() throws Exception {
        long id = shop.product("Limited tea", 9_900, UNITS);
        List<Buyer> buyers = new ArrayList<>();
        for (int i = 0; i < BUYERS; i++) {
            Buyer buyer = shop.buyer();
            shop.topUp(buyer.userId(), 10_000);
            buyers.add(buyer);
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Reply>> replies = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(BUYERS)) {
            for (Buyer buyer : buyers) {
                replies.add(pool.submit(() -> {
                    start.await();
                    return shop.place(buyer, id, 1, "BALANCE");
                }));
            }
            start.countDown();
        }
        int sold = 0;
        int refused = 0;
        for (Future<Reply> future : replies) {
            Reply reply = future.get();
            if (reply.status() == 201) sold++;
            else if (reply.status() == 409 && reply.code() == 40002) refused++;
        }
        assertThat(sold).isEqualTo(UNITS);
        assertThat(refused).isEqualTo(BUYERS - UNITS);
        assertThat(shop.available(id)).isZero();
        assertThat(server.get("/api/v1/admin/orders?limit=100", TestServer.ADMIN).json().get("items")).hasSize(UNITS);
        assertThat(server.get("/metrics", null).text()).contains("orders_stock_conflicts_total " + (BUYERS - UNITS) + ".0");
        shop.auditClean();
    }
}
