package dev.ordersystem.core.domain;

/** What a refund does with the quantities it names. */
public enum StockReturn {
    /** The goods are back in the warehouse (before shipping): the quantities return to stock. */
    RESTOCK,
    /** The goods are gone (after shipping, or damaged): stock stays as it is. */
    KEEP
}
