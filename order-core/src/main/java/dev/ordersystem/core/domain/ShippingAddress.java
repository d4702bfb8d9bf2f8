package dev.ordersystem.core.domain;

import java.util.Objects;

/**
 * Where an order goes; copied onto the order at placement so later edits do not change it.
 * {@code region} and {@code detail} are the free text every address has; {@code province},
 * {@code city}, {@code district} and {@code postalCode} are the structured parts shops in China
 * print on waybills. They are optional (absent is {@code null}; a blank part counts as absent), so
 * clients and orders from before they existed stay valid.
 */
public record ShippingAddress(String recipient, String phone, String region, String detail,
                              String province, String city, String district, String postalCode) {
    public ShippingAddress {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(detail, "detail");
        province = absentIfBlank(province);
        city = absentIfBlank(city);
        district = absentIfBlank(district);
        postalCode = absentIfBlank(postalCode);
    }

    /** An address with the free-text parts only. */
    public ShippingAddress(String recipient, String phone, String region, String detail) {
        this(recipient, phone, region, detail, null, null, null, null);
    }

    private static String absentIfBlank(String part) {
        return part == null || part.isBlank() ? null : part;
    }
}
