package dev.ordersystem.core.memory;

import dev.ordersystem.core.domain.Address;
import dev.ordersystem.core.domain.AddressId;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.ShippingAddress;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.port.AddressBook;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Addresses by id; every read is filtered by the owner. Changes of the default run in one store
 * transaction (the store's lock makes them serial), so a user never has two defaults.
 */
final class InMemoryAddressBook implements AddressBook {
    private final InMemoryStore store;
    final Map<AddressId, Address> addresses = new TreeMap<>(Comparator.comparingLong(AddressId::value));
    private final AtomicLong ids = new AtomicLong();

    InMemoryAddressBook(InMemoryStore store) {
        this.store = store;
    }

    @Override
    public Address add(UserId userId, ShippingAddress address) {
        return store.inTransaction(() -> {
            boolean first = findDefault(userId).isEmpty();
            Address added = new Address(new AddressId(ids.incrementAndGet()), userId, address, first);
            store.put(addresses, added.id(), added);
            return added;
        });
    }

    @Override
    public List<Address> list(UserId userId) {
        return store.read(() -> addresses.values().stream().filter(a -> a.userId().equals(userId)).toList());
    }

    @Override
    public Optional<Address> find(UserId userId, AddressId id) {
        return store.read(() -> Optional.ofNullable(addresses.get(id)).filter(a -> a.userId().equals(userId)));
    }

    @Override
    public Optional<Address> findDefault(UserId userId) {
        return store.read(() -> list(userId).stream().filter(Address::isDefault).findFirst());
    }

    @Override
    public List<Optional<Address>> findEach(List<Owned> wanted) {
        return store.read(() -> wanted.stream().map(w -> find(w.userId(), w.id())).toList());
    }

    @Override
    public Address setDefault(UserId userId, AddressId id) {
        return store.inTransaction(() -> {
            Address chosen = find(userId, id).orElseThrow(() -> new NotFound("address " + id));
            findDefault(userId).filter(previous -> !previous.id().equals(id))
                    .ifPresent(previous -> mark(previous, false));
            return mark(chosen, true);
        });
    }

    @Override
    public void remove(UserId userId, AddressId id) {
        store.inTransaction(() -> {
            Address removed = find(userId, id).orElseThrow(() -> new NotFound("address " + id));
            store.remove(addresses, id);
            if (removed.isDefault()) list(userId).stream().reduce((older, newer) -> newer).ifPresent(newest -> mark(newest, true));
            return null;
        });
    }

    private Address mark(Address address, boolean isDefault) {
        Address marked = new Address(address.id(), address.userId(), address.shipping(), isDefault);
        store.put(addresses, marked.id(), marked);
        return marked;
    }
}
