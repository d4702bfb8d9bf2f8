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

/** Addresses by id; every read is filtered by the owner. */
final class InMemoryAddressBook implements AddressBook {
    private final InMemoryStore store;
    private final Map<AddressId, Address> addresses = new TreeMap<>(Comparator.comparingLong(AddressId::value));
    private final AtomicLong ids = new AtomicLong();

    InMemoryAddressBook(InMemoryStore store) {
        this.store = store;
    }

    @Override
    public Address add(UserId userId, ShippingAddress address) {
        Address added = new Address(new AddressId(ids.incrementAndGet()), userId, address);
        store.put(addresses, added.id(), added);
        return added;
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
    public List<Optional<Address>> findEach(List<Owned> wanted) {
        return store.read(() -> wanted.stream().map(w -> find(w.userId(), w.id())).toList());
    }

    @Override
    public void remove(UserId userId, AddressId id) {
        store.inTransaction(() -> {
            find(userId, id).orElseThrow(() -> new NotFound("address " + id));
            store.remove(addresses, id);
            return null;
        });
    }
}
