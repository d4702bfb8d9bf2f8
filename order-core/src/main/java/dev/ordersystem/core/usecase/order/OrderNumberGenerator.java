package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.domain.OrderNo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Order numbers unique by construction: UTC time to the millisecond, this instance's node id
 * (000–999), and a per-millisecond sequence (000–999), e.g. {@code 20261125081502123 007 042}
 * without the spaces. Time never goes backwards here even if the clock does, and a full
 * millisecond borrows the next one, so one node never repeats a number. The unique index on
 * the order number stays the last guard (two instances given the same node id): see {@link #clashed}.
 */
public final class OrderNumberGenerator {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(ZoneOffset.UTC);

    private static final Logger log = LoggerFactory.getLogger(OrderNumberGenerator.class);
    private static final long CLASH_LOG_INTERVAL_NANOS = Duration.ofMinutes(1).toNanos();

    private final int nodeId;
    private final Clock clock;
    private long lastMillis;
    private int sequence;
    private long prefixMillis = -1;
    private String prefix;
    private boolean clashLogged;
    private long lastClashLog;

    public OrderNumberGenerator(int nodeId, Clock clock) {
        if (nodeId < 0 || nodeId > 999) throw new IllegalArgumentException("node id must be 0..999");
        this.nodeId = nodeId;
        this.clock = clock;
    }

    /**
     * Reports that {@code taken} was found in the store already: another instance runs with this
     * node id, and every clash costs a buyer a retry. Logged as an ERROR, once a minute at most.
     */
    public void clashed(OrderNo taken) {
        long now = System.nanoTime();
        synchronized (this) {
            if (clashLogged && now - lastClashLog < CLASH_LOG_INTERVAL_NANOS) return;
            clashLogged = true;
            lastClashLog = now;
        }
        log.error("order number {} exists already: another instance runs with node id {} (ORDER_NODE_ID); "
                + "give every instance its own id. Placements retry with fresh numbers meanwhile", taken, nodeId);
    }

    public OrderNo next() {
        long millis;
        int seq;
        String prefix;
        synchronized (this) {
            long now = clock.millis();
            if (now > lastMillis) {
                lastMillis = now;
                sequence = 0;
            } else if (++sequence > 999) {
                lastMillis++;
                sequence = 0;
            }
            millis = lastMillis;
            seq = sequence;
            if (millis != prefixMillis) { // formatted once per millisecond, not once per order (a hot path)
                prefixMillis = millis;
                this.prefix = TIME.format(Instant.ofEpochMilli(millis));
            }
            prefix = this.prefix;
        }
        char[] number = new char[prefix.length() + 6];
        prefix.getChars(0, prefix.length(), number, 0);
        threeDigits(nodeId, number, prefix.length());
        threeDigits(seq, number, prefix.length() + 3);
        return new OrderNo(new String(number));
    }

    private static void threeDigits(int value, char[] into, int at) {
        into[at] = (char) ('0' + value / 100);
        into[at + 1] = (char) ('0' + value / 10 % 10);
        into[at + 2] = (char) ('0' + value % 10);
    }
}
