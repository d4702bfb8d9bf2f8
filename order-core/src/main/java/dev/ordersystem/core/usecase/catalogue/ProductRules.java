package dev.ordersystem.core.usecase.catalogue;

import dev.ordersystem.core.domain.FieldFault;
import dev.ordersystem.core.usecase.InputErrors;

/** The limits a product's fields must keep, shared by create and update. */
final class ProductRules {
    static final int MAX_NAME = 200;
    static final int MAX_DESCRIPTION = 2_000;
    /** 100 million in major units: far above any real price, far below overflow in any cart. */
    static final long MAX_PRICE = 10_000_000_000L;
    static final long MAX_STOCK = 1_000_000_000L;

    private ProductRules() {
    }

    static void checkName(InputErrors errors, String name) {
        errors.requireText(name, "name", MAX_NAME);
    }

    static void checkDescription(InputErrors errors, String description) {
        errors.require(description != null && description.length() <= MAX_DESCRIPTION, "description",
                FieldFault.AT_MOST_CHARACTERS, MAX_DESCRIPTION);
    }

    static void checkPrice(InputErrors errors, long price) {
        errors.requireRange(price, "price", 1, MAX_PRICE);
    }

    /** 0 (no stock.low event) up to the most stock a product can hold. */
    static void checkLowStockThreshold(InputErrors errors, long threshold) {
        errors.requireRange(threshold, "lowStockThreshold", 0, MAX_STOCK);
    }
}
