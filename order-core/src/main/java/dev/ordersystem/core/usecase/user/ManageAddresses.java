package dev.ordersystem.core.usecase.user;

import dev.ordersystem.core.domain.Address;
import dev.ordersystem.core.domain.AddressId;
import dev.ordersystem.core.domain.ShippingAddress;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.domain.ValidationFailed;
import dev.ordersystem.core.port.Storage;
import dev.ordersystem.core.usecase.InputErrors;

import java.util.List;

/** DESIGN §4.9: a user's own shipping addresses. */
public final class ManageAddresses {
    static final int MAX_ADDRESSES = 20;

    private final Storage storage;

    public ManageAddresses(Storage storage) {
        this.storage = storage;
    }

    public Address add(UserId userId, ShippingAddress address) {
        InputErrors errors = new InputErrors();
        errors.requireText(address.recipient(), "recipient", 64);
        errors.require(address.phone().matches("\\+?[0-9 -]{5,20}"), "phone", "must be 5..20 digits, spaces or dashes");
        errors.requireText(address.region(), "region", 128);
        errors.requireText(address.detail(), "detail", 256);
        errors.throwIfAny();
        return storage.transactions().inTransaction(() -> {
            if (storage.addresses().list(userId).size() >= MAX_ADDRESSES) {
                throw ValidationFailed.of("addresses", "at most " + MAX_ADDRESSES + " per user");
            }
            return storage.addresses().add(userId, address);
        });
    }

    public List<Address> list(UserId userId) {
        return storage.addresses().list(userId);
    }

    public void remove(UserId userId, AddressId id) {
        storage.addresses().remove(userId, id);
    }
}
