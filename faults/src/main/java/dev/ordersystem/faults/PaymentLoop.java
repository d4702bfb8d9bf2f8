package dev.ordersystem.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersystem.harness.WireReply;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One client's share of the payment loop of DESIGN §13, on orders of its own (no balance payment or
 * hand-made notification touches them): place an order to pay by WeChat or Alipay, start a payment
 * with a random channel and scene, then poll it, pay at the sandbox's cashier, switch to another
 * channel or scene, cancel it, or leave it to expire with its trade open; and, as a buyer whose QR
 * code was still open, pay at the cashier a moment after cancelling: refused when the cancel closed
 * the trade, a late payment when the sandbox provider was down for the close (the shop must refund
 * it by itself, DESIGN §14). Every answer goes to the ledgers; {@link PaymentChecks} and
 * {@link RefundChecks} hold the database and the provider to them afterwards.
 */
final class PaymentLoop {
    private static final List<String> WECHAT_SCENES = List.of("NATIVE", "JSAPI", "H5");
    private static final List<String> ALIPAY_SCENES = List.of("QR", "PAGE", "WAP");

    /**
     * An order this client is paying, and its trade (the last start answered); {@code payUrl}: for
     * Alipay's page and WAP scenes, the signed gateway address the buyer's browser opens (the
     * trade exists at Alipay only from then on), else empty.
     */
    record Paying(String orderNo, String channel, String outTradeNo, String payUrl) {
    }

    private final FaultShop shop;
    private final FaultShop.Buyer buyer;
    private final SandboxProcess sandbox;
    private final List<Paying> paying = new ArrayList<>();
    /** Orders this client cancelled, their trades' pay addresses still at hand. */
    private final List<Paying> cancelled = new ArrayList<>();

    PaymentLoop(FaultShop shop, FaultShop.Buyer buyer, SandboxProcess sandbox) {
        this.shop = shop;
        this.buyer = buyer;
        this.sandbox = sandbox;
    }

    /**
     * One step of the loop. A new order goes on at once (its payment deadline is seconds away in the
     * suite): pay at the cashier, then poll (half of them); poll and leave it; switch channel or
     * scene, then pay; cancel; or leave it to expire with its trade open. An order still open from
     * an earlier step is polled, paid, switched or cancelled.
     */
    void step(ThreadLocalRandom random) {
        if (!cancelled.isEmpty() && random.nextBoolean()) {
            Paying late = cancelled.removeFirst();
            // The provider is down (its close failed too, likely): the buyer tries again in a moment, until the trade's deadline.
            if (payAtCashier(late) == Cashier.DOWN) cancelled.addLast(late);
            return;
        }
        if (paying.isEmpty() || (paying.size() < 4 && random.nextInt(3) > 0)) {
            placeAndStart(random).ifPresent(order -> carryOn(order, random));
            return;
        }
        Paying order = paying.get(random.nextInt(paying.size()));
        int roll = random.nextInt(100);
        if (roll < 35) poll(order);
        else if (roll < 70) payAtCashier(order);
        else if (roll < 80) start(order.orderNo(), random).ifPresent(next -> replace(order, next));
        else if (roll < 88) cancel(order);
        else paying.remove(order); // left alone: it expires with its trade open
    }

    private void carryOn(Paying order, ThreadLocalRandom random) {
        int roll = random.nextInt(100);
        if (roll < 50) {
            payAtCashier(order);
            poll(order);
        } else if (roll < 65) {
            poll(order);
        } else if (roll < 75) {
            start(order.orderNo(), random).ifPresent(next -> {
                replace(order, next);
                payAtCashier(next);
            });
        } else if (roll < 82) {
            cancel(order);
        } else {
            paying.remove(order); // left alone: it expires with its trade open
        }
    }

    /** What the buyer's press of Pay at the cashier came to. */
    enum Cashier {
        /** The provider took the money. */
        PAID,
        /** Refused (closed, expired, paid already), or the answer was lost. */
        NOT_PAID,
        /** The provider could not be reached (connection refused: it is down). */
        DOWN
    }

    /**
     * For {@link LatePaymentPhase}: places an order and opens a trade the buyer can pay at once, with
     * nothing more asked of the provider's API (WeChat NATIVE, Alipay QR); the trade, when answered 201.
     */
    Optional<Paying> openPayableTrade(ThreadLocalRandom random) {
        String channel = random.nextBoolean() ? "WECHAT" : "ALIPAY";
        return place(channel, random).flatMap(orderNo -> start(orderNo, channel, channel.equals("WECHAT") ? "NATIVE" : "QR", random));
    }

    /** For {@link LatePaymentPhase}: the buyer cancels the order, then pays at the cashier all the same (its QR code still open). */
    Cashier cancelThenPay(Paying order) {
        cancel(order);
        return payAtCashier(order);
    }

    private Optional<Paying> placeAndStart(ThreadLocalRandom random) {
        String method = random.nextBoolean() ? "WECHAT" : "ALIPAY";
        Optional<Paying> started = place(method, random).flatMap(orderNo -> start(orderNo, random));
        started.ifPresent(paying::add);
        return started;
    }

    /** Places an order of a random product to pay by {@code method}; its number, when answered 201. */
    private Optional<String> place(String method, ThreadLocalRandom random) {
        Map<String, Object> cart = Map.of("items", List.of(Map.of("productId", shop.products.get(1 + random.nextInt(shop.products.size() - 1)),
                "quantity", random.nextInt(1, 3))), "addressId", buyer.addressId(), "paymentMethod", method);
        Optional<WireReply> placed = shop.call("loop place", "POST", "/api/v1/orders", buyer.token(), cart, Map.of());
        if (placed.isEmpty() || placed.get().status() != 201) return Optional.empty();
        String orderNo = placed.get().json().get("orderNo").asText();
        shop.ledger.saw(orderNo, placed.get().json().get("status").asText());
        return Optional.of(orderNo);
    }

    /** Starts a payment with a random channel and scene; the trade, when answered 201. */
    private Optional<Paying> start(String orderNo, ThreadLocalRandom random) {
        String channel = random.nextBoolean() ? "WECHAT" : "ALIPAY";
        List<String> scenes = channel.equals("WECHAT") ? WECHAT_SCENES : ALIPAY_SCENES;
        return start(orderNo, channel, scenes.get(random.nextInt(scenes.size())), random);
    }

    private Optional<Paying> start(String orderNo, String channel, String scene, ThreadLocalRandom random) {
        Map<String, Object> body = new HashMap<>(Map.of("channel", channel, "scene", scene));
        if (scene.equals("JSAPI")) body.put("openId", "o-fault-" + buyer.userId());
        if (scene.equals("H5")) body.put("clientIp", "203.0.113." + (1 + random.nextInt(250)));
        Optional<WireReply> reply = shop.call("payment start", "POST", "/api/v1/orders/" + orderNo + "/payments", buyer.token(), body, Map.of());
        if (reply.isEmpty() || reply.get().status() != 201) return Optional.empty();
        JsonNode trade = reply.get().json();
        String outTradeNo = trade.get("outTradeNo").asText();
        shop.payments.started(new PaymentLedger.Started(orderNo, channel, scene, outTradeNo, Instant.now()));
        String payUrl = scene.equals("PAGE") || scene.equals("WAP") ? trade.path("payUrl").asText() : "";
        return Optional.of(new Paying(orderNo, channel, outTradeNo, payUrl));
    }

    private void replace(Paying before, Paying after) {
        paying.remove(before);
        paying.add(after);
    }

    /** Asks for the payment's outcome; the order leaves this client's list once it is no longer pending. */
    private void poll(Paying order) {
        Optional<WireReply> reply = shop.call("payment poll", "GET", "/api/v1/orders/" + order.orderNo() + "/payment", buyer.token(), null, Map.of());
        if (reply.isEmpty() || reply.get().status() != 200) return;
        String status = reply.get().json().path("status").asText();
        shop.ledger.saw(order.orderNo(), status);
        if (status.equals("PAID")) shop.paid(shop.paidAtProvider, order.orderNo()); // the cashier's own answer may have been lost
        if (!status.equals("PENDING_PAYMENT")) paying.remove(order);
    }

    /** Pays at the cashier. */
    private Cashier payAtCashier(Paying order) {
        paying.remove(order);
        WireReply reply;
        try {
            if (!order.payUrl().isEmpty()) {
                WireReply opened = sandbox.open(order.payUrl()); // the browser goes to the gateway, which sends it on to the cashier
                shop.ledger.count("gateway open " + opened.status());
                if (opened.status() != 302 && opened.status() != 303) return Cashier.NOT_PAID;
            }
            reply = sandbox.pay(order.channel(), order.outTradeNo());
        } catch (SocketTimeoutException e) {
            shop.ledger.count("cashier timeout"); // the provider may have taken it: its journal tells (checks)
            return Cashier.NOT_PAID;
        } catch (IOException e) {
            shop.ledger.count("cashier " + (e instanceof ConnectException ? "refused" : "io-error"));
            return e instanceof ConnectException ? Cashier.DOWN : Cashier.NOT_PAID;
        }
        shop.ledger.count("cashier pay " + reply.status());
        if (reply.status() != 200) return Cashier.NOT_PAID; // refused: closed, expired or paid already
        shop.paid(shop.paidAtProvider, order.orderNo());
        JsonNode outcome = reply.json();
        int answered = outcome.path("notification").path("status").asInt();
        shop.payments.paid(new PaymentLedger.CashierPaid(order.orderNo(), order.channel(), order.outTradeNo(),
                outcome.path("tradeNo").asText(), answered >= 200 && answered < 300, Instant.now()));
        return Cashier.PAID;
    }

    private void cancel(Paying order) {
        paying.remove(order);
        Optional<WireReply> reply = shop.call("loop cancel", "POST", "/api/v1/orders/" + order.orderNo() + "/cancel", buyer.token(), null, Map.of());
        if (reply.isPresent() && reply.get().status() == 200) {
            shop.ledger.saw(order.orderNo(), reply.get().json().get("status").asText());
            cancelled.add(order);
        }
    }
}
