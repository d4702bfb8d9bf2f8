package dev.ordersystem.core.usecase.event;

import java.time.Duration;
import java.util.Objects;

/**
 * How webhook deliveries yield to placements (DESIGN §15): while placements queue for a writer,
 * one instance sends at most {@code busyRate} deliveries a second, so on a small machine the
 * webhook POSTs (and their receivers, if on the same box) do not take the CPU buyers wait for.
 * The deliveries due meanwhile wait; once placements stop queueing, or once the oldest of them has
 * waited {@code maxLag}, the worker sends as fast as the receivers answer and catches up.
 *
 * @param busyRate deliveries per second per instance while placements queue; 0: never yield
 * @param maxLag   how long a delivery may wait for its first attempt before the worker stops yielding
 */
public record DeliveryPacing(int busyRate, Duration maxLag) {

    public DeliveryPacing {
        Objects.requireNonNull(maxLag, "maxLag");
        if (busyRate < 0) throw new IllegalArgumentException("busyRate must not be negative");
        if (maxLag.isNegative()) throw new IllegalArgumentException("maxLag must not be negative");
    }

    /** Never yields: every delivery goes as soon as it is due. */
    public static DeliveryPacing unpaced() {
        return new DeliveryPacing(0, Duration.ZERO);
    }

    /**
     * The pause after a turn that sent {@code sent} deliveries in {@code took}: what is left of
     * their share of the busy rate while placements queue and the oldest has waited less than
     * {@code maxLag}, otherwise none.
     */
    public Duration pauseAfter(int sent, Duration took, Duration oldestWait, boolean placementsQueue) {
        if (busyRate == 0 || sent == 0 || !placementsQueue || oldestWait.compareTo(maxLag) >= 0) return Duration.ZERO;
        Duration share = Duration.ofNanos(sent * 1_000_000_000L / busyRate);
        return share.compareTo(took) > 0 ? share.minus(took) : Duration.ZERO;
    }
}
