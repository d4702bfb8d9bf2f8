package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.domain.FieldFault;
import dev.ordersystem.core.domain.IdempotencyKeyFormat;
import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.StockLine;
import dev.ordersystem.core.usecase.InputErrors;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A validated cart: 1..50 lines, quantities 1..999, the same product merged into one line,
 * lines in ascending product id (the order in which stock rows are locked).
 */
public record Cart(List<StockLine> lines) {
    static final int MAX_LINES = 50;
    static final int MAX_QUANTITY = 999;
    private static final String PAYMENT_METHODS = Arrays.stream(PaymentMethod.values()).map(Enum::name)
            .collect(Collectors.joining(", "));

    /**
     * Checks a placement's input (its cart, payment method, address id and key) — also alone, for
     * a caller that refuses other parts of the request first and lists these faults with its own.
     *
     * @throws dev.ordersystem.core.domain.ValidationFailed naming every refused field
     */
    public static Cart of(PlaceOrderCommand command) {
        InputErrors errors = new InputErrors();
        List<OrderLine> items = command.items();
        errors.require(!items.isEmpty() && items.size() <= MAX_LINES, "items", FieldFault.CART_LINES, MAX_LINES);
        errors.require(command.paymentMethod() != null, "paymentMethod", FieldFault.ONE_OF, PAYMENT_METHODS);
        errors.require(command.addressId() == null || command.addressId() > 0, "addressId", FieldFault.POSITIVE_ID);
        command.idempotencyKey().flatMap(IdempotencyKeyFormat::check).ifPresent(error -> errors.addAll(List.of(error)));
        Map<ProductId, Integer> merged = new TreeMap<>();
        for (int i = 0; i < items.size(); i++) {
            OrderLine line = items.get(i);
            boolean idOk = errors.require(line.productId() > 0, "items[" + i + "].productId", FieldFault.POSITIVE_ID);
            boolean qtyOk = errors.requireRange(line.quantity(), "items[" + i + "].quantity", 1, MAX_QUANTITY);
            if (idOk && qtyOk) merged.merge(new ProductId(line.productId()), line.quantity(), Integer::sum);
        }
        merged.forEach((id, quantity) -> errors.require(quantity <= MAX_QUANTITY, "items",
                FieldFault.MERGED_QUANTITY, id.value(), quantity, MAX_QUANTITY));
        errors.throwIfAny();
        return new Cart(merged.entrySet().stream().map(e -> new StockLine(e.getKey(), e.getValue())).toList());
    }

    List<ProductId> productIds() {
        return lines.stream().map(StockLine::productId).toList();
    }

    /** A digest of everything that makes two placements "the same request". */
    String fingerprint(PlaceOrderCommand command) {
        StringBuilder text = new StringBuilder()
                .append("user=").append(command.userId().value())
                .append(";address=").append(command.addressId() == null ? "default" : command.addressId())
                .append(";method=").append(command.paymentMethod());
        for (StockLine line : lines) text.append(';').append(line.productId()).append('x').append(line.quantity());
        return sha256(text.toString());
    }

    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

}
