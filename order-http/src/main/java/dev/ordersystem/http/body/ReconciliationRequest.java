package dev.ordersystem.http.body;

import dev.ordersystem.core.domain.FieldFault;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.domain.ValidationFailed;

import dev.ordersystem.http.json.JsonRequest;
import dev.ordersystem.http.json.Presence;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** {@code POST /admin/reconciliations}: which channel's bill of which day (yyyy-MM-dd, China time). */
public record ReconciliationRequest(PaymentChannel channel, String date) implements JsonRequest {
    @Override
    public void requirePresent(Presence presence) {
        presence.require(channel, "channel");
        presence.require(date, "date");
    }

    /** The day, or a 400 naming {@code date}. */
    public LocalDate billDate() {
        try {
            return LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw ValidationFailed.of("date", FieldFault.BILL_DATE);
        }
    }
}
