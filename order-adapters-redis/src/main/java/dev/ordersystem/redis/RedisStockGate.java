package dev.ordersystem.redis;

import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.StockLine;
import dev.ordersystem.core.port.StockGate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * {@link StockGate} on Redis, with the semantics of the in-process gate. Every operation that
 * reads and changes the gate is one Lua script, so it is atomic across all app instances; the
 * pure reads are single commands. Leases and freezes are timed by Redis's own clock
 * ({@code redis.call('TIME')}), never by the instances' clocks, which may differ.
 *
 * <p>Keys, all under the hash tag {@code {<prefix>:gate}} so that every script stays in one
 * Cluster slot (they are the scripts' {@code KEYS[1..6]}, in this order):
 * <ol>
 *   <li>{@code :count} hash product → units the gate counts (no field: the product is uncounted)</li>
 *   <li>{@code :inflight} hash product → holds in flight (field removed at 0)</li>
 *   <li>{@code :restocks} hash product → restock sequence (how many restocks so far)</li>
 *   <li>{@code :freeze} hash product → {@code token:untilMs:restocksAtFreeze} of the running re-count</li>
 *   <li>{@code :holds} hash order number → its lines, {@code product:qty:counted,…} (counted is 1 or 0)</li>
 *   <li>{@code :leases} sorted set order number → lease end (epoch ms, Redis time)</li>
 * </ol>
 * Product ids stay strings inside the scripts: Lua numbers are doubles and would round ids above 2^53.
 *
 * <p>Redis down (or a script refused): {@link #admit} answers {@link Admission.Bypassed} (the
 * database decides alone); settle, give back, restock and abandon are skipped; a re-count cannot
 * begin or finish; the reads answer as if the gate were empty. Each fallback is counted by the
 * {@link FailOpenLog}. A script that ran but whose answer was lost to a timeout leaves a hold the
 * caller does not know of: its lease ends and {@link #expiredHolds} hands it to the sweep, which
 * settles or gives it back against the database. A lost restock leaves the count low until the
 * next re-count.
 */
public final class RedisStockGate implements StockGate {
    /**
     * ARGV: holder, lease ms, then product, quantity pairs (distinct products). Checks every line
     * first (frozen, then short) and takes nothing on a refusal: all lines or none.
     * Answers {'held', uncounted products…}, {'soldout', product}, {'recounting', product} or {'taken'}.
     */
    private static final LuaScript ADMIT = LuaScript.load("stock-gate/prelude.lua", "stock-gate/admit.lua");

    /**
     * ARGV: '1' to give the counted units back (give back) or '0' to keep them taken (settle), then
     * the holders (several at once when a group of placements committed together). Only a hold that
     * exists is ended, so a repeated settle or give back changes nothing.
     */
    private static final LuaScript END = LuaScript.load("stock-gate/end.lua");

    /**
     * ARGV: product, quantity pairs. Adds to counted products only, and moves every product's
     * restock sequence on, so that a re-count begun before it does not apply.
     */
    private static final LuaScript RESTOCK = LuaScript.load("stock-gate/restock.lua");

    /** ARGV: product, freeze ms, token. Answers 0 while another re-count's freeze lasts. */
    private static final LuaScript BEGIN_RECOUNT = LuaScript.load("stock-gate/prelude.lua", "stock-gate/begin-recount.lua");

    /**
     * ARGV: product, token, available. Sets the count only while this re-count's freeze lasts, no
     * hold is in flight and no restock happened since the freeze began; ends this re-count's
     * freeze either way (another re-count's freeze is left alone).
     */
    private static final LuaScript FINISH_RECOUNT = LuaScript.load("stock-gate/prelude.lua", "stock-gate/finish-recount.lua");

    /** ARGV: product, token. Lifts the freeze only if it is still this re-count's. */
    private static final LuaScript ABANDON_RECOUNT = LuaScript.load("stock-gate/prelude.lua", "stock-gate/abandon-recount.lua");

    /** ARGV: limit. A script only for Redis's clock: the holds whose lease ended by now, oldest first. */
    private static final LuaScript EXPIRED_HOLDS = LuaScript.load("stock-gate/prelude.lua", "stock-gate/expired-holds.lua");

    private final RedisConnection redis;
    private final FailOpenLog failOpen;
    private final List<String> gateKeys;

    public RedisStockGate(RedisConnection redis, FailOpenLog failOpen) {
        this.redis = redis;
        this.failOpen = failOpen;
        RedisKeys keys = new RedisKeys(redis.settings().keyPrefix());
        this.gateKeys = List.of(keys.gate("count"), keys.gate("inflight"), keys.gate("restocks"), keys.gate("freeze"),
                keys.gate("holds"), keys.gate("leases"));
    }

    @Override
    public Admission admit(OrderNo holder, List<StockLine> lines, Duration lease) {
        Objects.requireNonNull(holder, "holder");
        long leaseMillis = positiveMillis(lease, "lease");
        List<String> args = new ArrayList<>();
        args.add(holder.value());
        args.add(Long.toString(leaseMillis));
        merged(lines).forEach((product, quantity) -> {
            args.add(Long.toString(product.value()));
            args.add(Long.toString(quantity));
        });
        List<?> reply;
        try {
            reply = (List<?>) run("admit " + holder, ADMIT, args);
        } catch (RedisUnavailable e) {
            failOpen.record("order " + holder + " placed without the stock gate", e);
            return new Admission.Bypassed();
        }
        String answer = reply.getFirst().toString();
        return switch (answer) {
            case "held" -> new Admission.Held(reply.subList(1, reply.size()).stream().map(RedisStockGate::product).toList());
            case "soldout" -> new Admission.SoldOut(product(reply.get(1)));
            case "recounting" -> new Admission.Recounting(product(reply.get(1)));
            case "taken" -> throw new IllegalStateException("order " + holder + " already holds stock");
            default -> throw new IllegalStateException("unexpected answer of the admit script: " + reply);
        };
    }

    @Override
    public void settle(OrderNo holder) {
        end(holder, false);
    }

    @Override
    public void giveBack(OrderNo holder) {
        end(holder, true);
    }

    @Override
    public void settleAll(List<OrderNo> holders) {
        if (holders.isEmpty()) return;
        List<String> args = new ArrayList<>(holders.size() + 1);
        args.add("0");
        holders.forEach(holder -> args.add(holder.value()));
        String operation = "settle " + holders.size() + " holds";
        try {
            run(operation, END, args);
        } catch (RedisUnavailable e) {
            failOpen.record(operation + " skipped, left to the expired-hold sweep", e);
        }
    }

    private void end(OrderNo holder, boolean returnUnits) {
        Objects.requireNonNull(holder, "holder");
        String operation = (returnUnits ? "give back " : "settle ") + holder;
        try {
            run(operation, END, List.of(returnUnits ? "1" : "0", holder.value()));
        } catch (RedisUnavailable e) {
            // The hold, if Redis kept it, outlives its lease and is ended by the expired-hold sweep.
            failOpen.record(operation + " skipped, left to the expired-hold sweep", e);
        }
    }

    @Override
    public void restock(List<StockLine> lines) {
        Map<ProductId, Long> merged = merged(lines);
        if (merged.isEmpty()) return;
        List<String> args = new ArrayList<>();
        merged.forEach((product, quantity) -> {
            args.add(Long.toString(product.value()));
            args.add(Long.toString(quantity));
        });
        try {
            run("restock " + merged.keySet(), RESTOCK, args);
        } catch (RedisUnavailable e) {
            // The count stays lower than the database until the next re-count of these products.
            failOpen.record("restock of " + merged.keySet() + " skipped until a re-count", e);
        }
    }

    @Override
    public Optional<Recount> beginRecount(ProductId product, Duration freeze) {
        Objects.requireNonNull(product, "product");
        long freezeMillis = positiveMillis(freeze, "freeze");
        String token = UUID.randomUUID().toString();
        try {
            Object begun = run("begin re-count of " + product, BEGIN_RECOUNT,
                    List.of(Long.toString(product.value()), Long.toString(freezeMillis), token));
            return isOne(begun) ? Optional.of(new Recount(product, token)) : Optional.empty();
        } catch (RedisUnavailable e) {
            failOpen.record("re-count of " + product + " not begun", e);
            return Optional.empty();
        }
    }

    @Override
    public int holdsInFlight(ProductId product) {
        Objects.requireNonNull(product, "product");
        try {
            // HGET <inflight> <product>: absent is zero.
            String value = redis.call("holds in flight of " + product, r -> r.hget(gateKeys.get(1), Long.toString(product.value())));
            return value == null ? 0 : Integer.parseInt(value);
        } catch (RedisUnavailable e) {
            failOpen.record("holds in flight of " + product + " read as none", e);
            return 0;
        }
    }

    @Override
    public boolean finishRecount(Recount recount, long available) {
        Objects.requireNonNull(recount, "recount");
        if (available < 0) throw new IllegalArgumentException("available must not be negative: " + available);
        try {
            return isOne(run("finish re-count of " + recount.product(), FINISH_RECOUNT,
                    List.of(Long.toString(recount.product().value()), recount.token(), Long.toString(available))));
        } catch (RedisUnavailable e) {
            failOpen.record("re-count of " + recount.product() + " not applied", e);
            return false;
        }
    }

    @Override
    public void abandonRecount(Recount recount) {
        Objects.requireNonNull(recount, "recount");
        try {
            run("abandon re-count of " + recount.product(), ABANDON_RECOUNT,
                    List.of(Long.toString(recount.product().value()), recount.token()));
        } catch (RedisUnavailable e) {
            // The freeze, if Redis kept it, ends by itself when its time is up.
            failOpen.record("re-count of " + recount.product() + " left to end with its freeze", e);
        }
    }

    @Override
    public List<OrderNo> expiredHolds(int limit) {
        if (limit < 0) throw new IllegalArgumentException("limit must not be negative: " + limit);
        if (limit == 0) return List.of();
        try {
            List<?> reply = (List<?>) run("list expired holds", EXPIRED_HOLDS, List.of(Integer.toString(limit)));
            return reply.stream().map(holder -> new OrderNo(holder.toString())).toList();
        } catch (RedisUnavailable e) {
            failOpen.record("expired holds listed as none", e);
            return List.of();
        }
    }

    @Override
    public Set<ProductId> countedProducts() {
        try {
            // HKEYS <count>: a product is counted once it has a field.
            Set<String> fields = redis.call("list counted products", r -> r.hkeys(gateKeys.getFirst()));
            Set<ProductId> counted = new TreeSet<>();
            fields.forEach(field -> counted.add(product(field)));
            return counted;
        } catch (RedisUnavailable e) {
            failOpen.record("counted products listed as none", e);
            return Set.of();
        }
    }

    @Override
    public OptionalLong count(ProductId product) {
        Objects.requireNonNull(product, "product");
        try {
            // HGET <count> <product>: absent means not counted (yet).
            String value = redis.call("count of " + product, r -> r.hget(gateKeys.getFirst(), Long.toString(product.value())));
            return value == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(value));
        } catch (RedisUnavailable e) {
            failOpen.record("count of " + product + " read as uncounted", e);
            return OptionalLong.empty();
        }
    }

    @Override
    public Map<ProductId, Long> counts(Collection<ProductId> products) {
        Objects.requireNonNull(products, "products");
        List<ProductId> asked = List.copyOf(products);
        if (asked.isEmpty()) return Map.of();
        String[] fields = asked.stream().map(product -> Long.toString(product.value())).toArray(String[]::new);
        List<String> values;
        try {
            // HMGET <count> <product…>: one round trip for a page; an absent field is an uncounted product.
            values = redis.call("counts of " + asked.size() + " products", r -> r.hmget(gateKeys.getFirst(), fields));
        } catch (RedisUnavailable e) {
            failOpen.record("counts of " + asked.size() + " products read as uncounted", e);
            return Map.of();
        }
        Map<ProductId, Long> counts = new HashMap<>();
        for (int i = 0; i < asked.size(); i++) {
            if (values.get(i) != null) counts.put(asked.get(i), Long.parseLong(values.get(i)));
        }
        return counts;
    }

    private Object run(String operation, LuaScript script, List<String> args) {
        return redis.call(operation, r -> script.run(r, gateKeys, args));
    }

    /**
     * Quantities per product, in first-seen order. Lines of one product are added up, so the
     * script checks their total against the count (checked one by one, two lines could each fit
     * and together take the count below zero).
     */
    private static Map<ProductId, Long> merged(List<StockLine> lines) {
        Objects.requireNonNull(lines, "lines");
        Map<ProductId, Long> merged = new LinkedHashMap<>();
        for (StockLine line : lines) {
            Objects.requireNonNull(line, "lines must not hold null");
            merged.merge(line.productId(), (long) line.quantity(), Long::sum);
        }
        return merged;
    }

    private static long positiveMillis(Duration value, String name) {
        if (value == null || value.toMillis() < 1) throw new IllegalArgumentException(name + " must be at least 1 ms: " + value);
        return value.toMillis();
    }

    private static boolean isOne(Object reply) {
        return reply instanceof Number number && number.longValue() == 1;
    }

    private static ProductId product(Object field) {
        return new ProductId(Long.parseLong(field.toString()));
    }
}
