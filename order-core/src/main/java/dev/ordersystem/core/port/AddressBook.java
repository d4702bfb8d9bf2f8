package dev.ordersystem.core.port;

import dev.ordersystem.core.domain.Address;
import dev.ordersystem.core.domain.AddressId;
import dev.ordersystem.core.domain.ShippingAddress;
import dev.ordersystem.core.domain.UserId;

import java.util.List;
import java.util.Optional;

/** Users' shipping addresses. Joins the caller's transaction. Another user's address is never found. */
public interface AddressBook {

    Address add(UserId userId, ShippingAddress address);

    List<Address> list(UserId userId);

    Optional<Address> find(UserId userId, AddressId id);

    /**
     * {@link #find} for many at once (a group of placements reads its addresses in one go): the
     * answer holds, in the order asked, each address when the user beside it owns it.
     */
    List<Optional<Address>> findEach(List<Owned> wanted);

    /** @throws dev.ordersystem.core.domain.NotFound when the user has no such address */
    void remove(UserId userId, AddressId id);

    /** An address id and the user who claims it. */
    record Owned(UserId userId, AddressId id) {
    }
}
