package dev.ordersystem.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersystem.harness.WireReply;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One client of mixed traffic until the deadline: places orders (with and without an
 * Idempotency-Key, re-sending the same key after a timeout), pays by balance, delivers payment
 * notifications signed with the sandbox provider's keys and replays each several times (some after
 * the order expired), cancels, reads orders and products; and one step in five goes round the
 * payment loop ({@link PaymentLoop}: start, poll, cashier, switch, cancel, expire). Every answer
 * goes to the ledger.
 */
final class Shopper implements Runnable {
    private final FaultShop shop;
    private final FaultShop.Buyer buyer;
    private final long deadlineNanos;
    private final Deque<String> pending = new ArrayDeque<>();
    private final Deque<String> older = new ArrayDeque<>();
    /** What each of this client's orders asks to be paid (fen): the amount its notifications carry. */
    private final Map<String, Long> amounts = new HashMap<>();
    private final ProviderNotifications notifications;
    private final PaymentLoop loop;

    Shopper(FaultShop shop, FaultShop.Buyer buyer, long deadlineNanos, SandboxProcess sandbox) {
        this.shop = shop;
        this.buyer = buyer;
        this.deadlineNanos = deadlineNanos;
        this.notifications = new ProviderNotifications(sandbox.keys());
        this.loop = new PaymentLoop(shop, buyer, sandbox);
    }

    @Override
    public void run() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try {
            while (System.nanoTime() < deadlineNanos) {
                int roll = random.nextInt(100);
                if (random.nextInt(5) == 0) loop.step(random);
                else if (roll < 22) placePending(random);
                else if (roll < 32) placeByBalance(random);
                else if (roll < 42) payByBalance();
                else if (roll < 56) notifyPayment(random);
                else if (roll < 60) latePayment(random);
                else if (roll < 68) cancel();
                else if (roll < 80) readOrder();
                else readProduct(random);
                Thread.sleep(random.nextInt(20, 120));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Map<String, Object> cart(ThreadLocalRandom random, String method) {
        List<Map<String, Object>> items = new ArrayList<>();
        int lines = random.nextInt(1, 4);
        List<Long> products = shop.products;
        int start = random.nextInt(products.size());
        for (int i = 0; i < lines; i++) {
            items.add(Map.of("productId", products.get((start + i) % products.size()), "quantity", random.nextInt(1, 4)));
        }
        return Map.of("items", items, "addressId", buyer.addressId(), "paymentMethod", method);
    }

    private Optional<JsonNode> place(ThreadLocalRandom random, String method) throws InterruptedException {
        Map<String, Object> cart = cart(random, method);
        if (random.nextInt(10) < 3) {
            // No key: one attempt only, a timeout leaves the outcome unknown to this client.
            return shop.call("place", "POST", "/api/v1/orders", buyer.token(), cart, Map.of())
                    .filter(r -> r.status() == 201).map(WireReply::json);
        }
        String key = UUID.randomUUID().toString();
        for (int attempt = 0; attempt < 4; attempt++) {
            Optional<WireReply> reply = shop.call(attempt == 0 ? "place+key" : "place+key retry", "POST", "/api/v1/orders",
                    buyer.token(), cart, Map.of("Idempotency-Key", key));
            if (reply.isPresent() && reply.get().status() == 201) {
                JsonNode order = reply.get().json();
                shop.ledger.keyed(buyer.userId() + "/" + key, order.get("orderNo").asText());
                return Optional.of(order);
            }
            // Re-send the same key after a timeout, a 5xx or a "still in progress" answer.
            if (reply.isPresent() && reply.get().status() < 500 && reply.get().code() != 40009) return Optional.empty();
            Thread.sleep(200L * (attempt + 1));
        }
        return Optional.empty();
    }

    private void placePending(ThreadLocalRandom random) throws InterruptedException {
        place(random, random.nextBoolean() ? "WECHAT" : "ALIPAY").ifPresent(order -> {
            String orderNo = order.get("orderNo").asText();
            shop.ledger.saw(orderNo, order.get("status").asText());
            amounts.put(orderNo, order.get("payAmount").asLong());
            pending.addLast(orderNo);
        });
    }

    private void placeByBalance(ThreadLocalRandom random) throws InterruptedException {
        place(random, "BALANCE").ifPresent(order -> {
            shop.ledger.saw(order.get("orderNo").asText(), order.get("status").asText());
            paidFromBalance(order);
        });
    }

    private void payByBalance() throws InterruptedException {
        String orderNo = pending.pollFirst();
        if (orderNo == null) return;
        Optional<WireReply> reply = shop.call("pay", "POST", "/api/v1/orders/" + orderNo + "/pay", buyer.token(),
                Map.of("method", "BALANCE"), Map.of());
        if (reply.isPresent() && reply.get().status() == 200) {
            shop.ledger.saw(orderNo, reply.get().json().get("status").asText());
            paidFromBalance(reply.get().json());
        } else {
            older.addLast(orderNo);
        }
    }

    /** An order the client was told is paid from the balance: its debit is a balance change the database must keep. */
    private void paidFromBalance(JsonNode order) {
        if (!order.path("status").asText().equals("PAID")) return;
        shop.paid(shop.paidFromBalance, order.get("orderNo").asText());
        shop.ledger.balanceChanged(Ledger.BalanceChange.orderPayment(buyer.userId(), order.get("orderNo").asText(),
                order.get("payAmount").asLong()));
    }

    private void notifyPayment(ThreadLocalRandom random) throws InterruptedException {
        String orderNo = pending.pollLast();
        if (orderNo != null) deliver(orderNo, random);
    }

    /** A notification for an order that has most likely expired meanwhile: it must be kept, as a refund to make. */
    private void latePayment(ThreadLocalRandom random) throws InterruptedException {
        String orderNo = older.pollFirst();
        if (orderNo != null) deliver(orderNo, random);
    }

    private void deliver(String orderNo, ThreadLocalRandom random) throws InterruptedException {
        String channel = random.nextBoolean() ? "WECHAT" : "ALIPAY";
        int instance = shop.cluster.pick();
        ProviderNotifications.Signed sent = notifications.paid(channel, orderNo, amounts.getOrDefault(orderNo, 0L));
        Optional<WireReply> reply = shop.callOn(instance, "notify", "POST", sent.path(), null, sent.body(), sent.headers());
        if (reply.isEmpty() || reply.get().status() != 200 && reply.get().status() != 204) {
            older.addLast(orderNo);
            return;
        }
        // Acknowledged: the shop holds the payment (applied, or kept for a refund when the order had expired).
        shop.ledger.paid(new Ledger.Payment(channel, sent.tradeNo(), orderNo, "ACKNOWLEDGED"));
        // The provider delivers again (it did not see our answer, or just does): the same signed
        // notification, now and a little later, interleaved with other clients' traffic.
        int replays = random.nextInt(1, 4);
        Thread.startVirtualThread(() -> replay(instance, sent, replays));
        older.addLast(orderNo);
    }

    private void replay(int instance, ProviderNotifications.Signed notification, int times) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try {
            for (int i = 0; i < times && System.nanoTime() < deadlineNanos; i++) {
                Thread.sleep(random.nextInt(0, 3000));
                shop.callOn(instance, "notify replay", "POST", notification.path(), null, notification.body(), notification.headers());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void cancel() throws InterruptedException {
        String orderNo = pending.pollFirst();
        if (orderNo == null) return;
        Optional<WireReply> reply = shop.call("cancel", "POST", "/api/v1/orders/" + orderNo + "/cancel", buyer.token(), null, Map.of());
        if (reply.isPresent() && reply.get().status() == 200) shop.ledger.saw(orderNo, reply.get().json().get("status").asText());
    }

    private void readOrder() throws InterruptedException {
        String orderNo = older.isEmpty() ? pending.peekFirst() : older.peekLast();
        if (orderNo == null) return;
        Optional<WireReply> reply = shop.call("read order", "GET", "/api/v1/orders/" + orderNo, buyer.token(), null, Map.of());
        if (reply.isPresent() && reply.get().status() == 200) shop.ledger.saw(orderNo, reply.get().json().get("status").asText());
    }

    private void readProduct(ThreadLocalRandom random) throws InterruptedException {
        long id = random.nextInt(20) == 0 ? 9_000_000 + random.nextInt(100) : shop.products.get(random.nextInt(shop.products.size()));
        shop.call("read product", "GET", "/api/v1/products/" + id, null, null, Map.of());
    }
}
