package dev.ordersystem.http.sandbox;

import dev.ordersystem.http.payment.PaymentSandbox;
import io.javalin.http.Context;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The local stand-in for WeChat Pay and Alipay (DESIGN §13) behind {@code /sandbox/}: the keys of
 * {@link PaymentSandbox} (it checks the merchant's request signatures with the merchant's public
 * keys and signs its answers with the providers' private keys), the trades it keeps, and what
 * tests set: an outage, and whether the cashier withholds notifications (a lost notification).
 */
public final class SandboxProvider {
    static final Duration LONGEST_HOLD = Duration.ofSeconds(30);

    private final PaymentSandbox keys;
    private final Clock clock;
    private final SandboxTradeBook trades;
    private final SandboxRefunds refunds;
    private final SandboxBillFiles bills = new SandboxBillFiles();
    /** WeChat answers a refund PROCESSING and notifies a moment later; the shop's answer to the admin comes first. */
    static final Duration REFUND_NOTIFY_DELAY = Duration.ofMillis(200);
    private final SandboxNotifier notifier = new SandboxNotifier(this);
    private volatile Optional<String> refundRefusal = Optional.empty();
    private final KeyPair rogue;
    private final SecureRandom random = new SecureRandom();
    private final Object outageChanged = new Object();
    private volatile SandboxOutage outage = SandboxOutage.NONE;
    private volatile boolean withholdNotifications;

    public SandboxProvider(PaymentSandbox keys, Clock clock) {
        this(keys, new SandboxTradeBook(), new SandboxRefunds(), clock);
    }

    /** With given trade and refund books: the standalone sandbox's, kept in a journal across restarts. */
    public SandboxProvider(PaymentSandbox keys, SandboxTradeBook trades, SandboxRefunds refunds, Clock clock) {
        this.keys = keys;
        this.trades = trades;
        this.refunds = refunds;
        this.clock = clock;
        this.rogue = PaymentSandbox.rsa2048();
    }

    public PaymentSandbox keys() {
        return keys;
    }

    public SandboxTradeBook trades() {
        return trades;
    }

    /** The bill files handed out for download, by token. */
    SandboxBillFiles bills() {
        return bills;
    }

    /** The refunds the sandbox has made (its bills list the finished ones). */
    public SandboxRefunds refunds() {
        return refunds;
    }

    /** The business code every refund call is refused with from now on ({@code NOT_ENOUGH}, …); empty: refunds go through. */
    public Optional<String> refundRefusal() {
        return refundRefusal;
    }

    public void refuseRefunds(Optional<String> code) {
        refundRefusal = code;
    }

    /**
     * WeChat finishes a refund a moment after answering PROCESSING: the refund becomes SUCCESS (for
     * queries) and, unless notifications are withheld, {@code REFUND.SUCCESS} goes to its notify_url,
     * from a thread of its own as WeChat's servers send it.
     */
    void finishWechatRefund(SandboxRefunds.SandboxRefund refund) {
        SandboxRefunds.SandboxRefund done = refunds.succeed(refund.channel(), refund.refundNo(), now()).orElseThrow();
        if (withholdNotifications || done.notifyUrl().isEmpty()) return;
        Thread.ofVirtual().name("sandbox-refund-notify").start(() -> {
            try {
                Thread.sleep(REFUND_NOTIFY_DELAY.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            notifier.notifyRefund(done);
        });
    }

    /**
     * After a refund was made: during {@link SandboxOutage#ANSWER_LOST} holds the answer while the
     * outage lasts, then drops the connection. True when the answer was lost.
     */
    boolean answerLost(Context ctx) {
        if (outage != SandboxOutage.ANSWER_LOST) return false;
        hold(SandboxOutage.ANSWER_LOST);
        ServletContextRequest.getServletContextRequest(ctx.req()).getConnectionMetaData().getConnection().getEndPoint().close();
        return true;
    }

    Instant now() {
        return clock.instant();
    }

    public SandboxOutage outage() {
        return outage;
    }

    public boolean withholdsNotifications() {
        return withholdNotifications;
    }

    /** Sets how the provider misbehaves from now on; a held call is let go when the timeout outage ends. */
    public void control(SandboxOutage newOutage, boolean withhold) {
        synchronized (outageChanged) {
            this.outage = newOutage;
            this.withholdNotifications = withhold;
            outageChanged.notifyAll();
        }
    }

    /**
     * Plays the outage on an API call: holds it while {@link SandboxOutage#TIMEOUT} lasts (the
     * caller's timeout ends it), drops the connection for {@link SandboxOutage#DROP}, answers 500
     * for {@link SandboxOutage#SERVER_ERROR}. True when the call was dealt with here.
     */
    boolean misbehaved(Context ctx) {
        if (outage == SandboxOutage.TIMEOUT) hold(SandboxOutage.TIMEOUT);
        if (outage == SandboxOutage.DROP) {
            // Closing the connection under the request: the caller sees it end with no answer at all.
            ServletContextRequest.getServletContextRequest(ctx.req()).getConnectionMetaData().getConnection().getEndPoint().close();
            return true;
        }
        if (outage == SandboxOutage.SERVER_ERROR) {
            ctx.status(500).contentType("text/plain; charset=utf-8").result("sandbox provider: internal error (outage SERVER_ERROR)");
            return true;
        }
        return false;
    }

    /** The WeChat platform's signing key, or a stranger's during the {@link SandboxOutage#BAD_SIGNATURE} outage. */
    PrivateKey wechatSigningKey() {
        return outage == SandboxOutage.BAD_SIGNATURE ? rogue.getPrivate() : keys.wechatPlatformKeyPair().getPrivate();
    }

    /** Alipay's signing key, or a stranger's during the {@link SandboxOutage#BAD_SIGNATURE} outage. */
    PrivateKey alipaySigningKey() {
        return outage == SandboxOutage.BAD_SIGNATURE ? rogue.getPrivate() : keys.alipayKeyPair().getPrivate();
    }

    /** A provider trade number: 28 digits, as both providers write theirs. */
    String tradeNo(String prefix) {
        StringBuilder digits = new StringBuilder(prefix);
        while (digits.length() < 28) digits.append(random.nextInt(10));
        return digits.toString();
    }

    String randomToken(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        return text.toString();
    }

    private void hold(SandboxOutage holding) {
        long until = System.nanoTime() + LONGEST_HOLD.toNanos();
        synchronized (outageChanged) {
            while (outage == holding) {
                long left = until - System.nanoTime();
                if (left <= 0) return;
                try {
                    outageChanged.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
