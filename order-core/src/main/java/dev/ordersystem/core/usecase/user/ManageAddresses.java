package dev.ordersystem.core.usecase.user;

import dev.ordersystem.core.domain.FieldFault;
import dev.ordersystem.core.domain.Address;
import dev.ordersystem.core.domain.AddressId;
import dev.ordersystem.core.domain.ShippingAddress;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.domain.ValidationFailed;
import dev.ordersystem.core.port.AddressBook;
import dev.ordersystem.core.port.Transactions;
import dev.ordersystem.core.usecase.InputErrors;

import java.util.List;
import java.util.regex.Pattern;

/** DESIGN §4.9: a user's own shipping addresses, one of them the default. */
public final class ManageAddresses {
    static final int MAX_ADDRESSES = 20;
    static final int MAX_DIVISION_LENGTH = 64;
    /**
     * 3..10 letters, digits, spaces or dashes, starting and ending with a letter or digit: China's
     * six digits and the formats of the places a Chinese shop also ships to (HK has none, so the
     * part is optional; 100-0001, SW1A 1AA, 12345-6789). There is no country field to choose a
     * stricter rule by.
     */
    private static final Pattern POSTAL_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 -]{1,8}[A-Za-z0-9]");

    private final Transactions transactions;
    private final AddressBook addresses;

    public ManageAddresses(Transactions transactions, AddressBook addresses) {
        this.transactions = transactions;
        this.addresses = addresses;
    }

    /** Adds an address that becomes the default only when it is the user's first. */
    public Address add(UserId userId, ShippingAddress address) {
        return add(userId, address, false);
    }

    /**
     * Adds an address; with {@code asDefault} (or as the user's first) it becomes the default and
     * the previous default an ordinary address, in the same transaction.
     */
    public Address add(UserId userId, ShippingAddress address, boolean asDefault) {
        check(address);
        return transactions.inTransaction(() -> {
            if (addresses.list(userId).size() >= MAX_ADDRESSES) {
                throw ValidationFailed.of("addresses", FieldFault.TOO_MANY_ADDRESSES, MAX_ADDRESSES);
            }
            Address added = addresses.add(userId, address);
            return asDefault && !added.isDefault() ? addresses.setDefault(userId, added.id()) : added;
        });
    }

    /**
     * The rules an address must keep, alone (a caller that refuses other parts of the request
     * first lists these faults with its own).
     *
     * @throws ValidationFailed naming every refused field
     */
    public static void check(ShippingAddress address) {
        InputErrors errors = new InputErrors();
        errors.requireText(address.recipient(), "recipient", 64);
        errors.require(address.phone().matches("\\+?[0-9 -]{5,20}"), "phone", FieldFault.PHONE);
        errors.requireText(address.region(), "region", 128);
        errors.requireText(address.detail(), "detail", 256);
        optionalText(errors, address.province(), "province");
        optionalText(errors, address.city(), "city");
        optionalText(errors, address.district(), "district");
        if (address.postalCode() != null) {
            errors.require(POSTAL_CODE.matcher(address.postalCode()).matches(), "postalCode", FieldFault.POSTAL_CODE);
        }
        errors.throwIfAny();
    }

    private static void optionalText(InputErrors errors, String value, String field) {
        if (value != null) errors.requireText(value, field, MAX_DIVISION_LENGTH);
    }

    public List<Address> list(UserId userId) {
        return addresses.list(userId);
    }

    /**
     * Makes one of the user's addresses the default, the previous one no longer.
     *
     * @throws dev.ordersystem.core.domain.NotFound when the user has no such address
     */
    public Address setDefault(UserId userId, AddressId id) {
        return addresses.setDefault(userId, id);
    }

    /** Removes an address; removing the default makes the newest remaining one the default. */
    public void remove(UserId userId, AddressId id) {
        addresses.remove(userId, id);
    }
}
