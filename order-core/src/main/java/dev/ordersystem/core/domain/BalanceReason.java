package dev.ordersystem.core.domain;

/** Why a balance changed. (reference, reason) is unique in the journal: nothing applies twice. */
public enum BalanceReason {
    TOP_UP, ORDER_PAYMENT, ORDER_REFUND
}
