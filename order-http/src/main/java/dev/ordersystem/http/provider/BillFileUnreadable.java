package dev.ordersystem.http.provider;

/** A provider's bill file that does not read as its documented format: the bill is not believed. */
public final class BillFileUnreadable extends RuntimeException {
    public BillFileUnreadable(String message) {
        super(message, null, false, false);
    }
}
