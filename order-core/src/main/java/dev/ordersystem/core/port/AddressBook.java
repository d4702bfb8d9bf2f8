package dev.ordersystem.core.port;

import dev.ordersystem.core.domain.Address;
import dev.ordersystem.core.domain.AddressId;
import dev.ordersystem.core.domain.ShippingAddress;
import dev.ordersystem.core.domain.UserId;

import java.util.List;
import java.util.Optional;

/**
 * Users' shipping addresses. Joins the caller's transaction. Another user's address is never found.
 * A user with addresses has exactly one default; concurrent changes of one user's book keep it so.
 */
public interface AddressBook {

    /** Adds an address; the user's first one becomes the default. */
    Address add(UserId userId, ShippingAddress address);

    List<Address> list(UserId userId);

    Optional<Address> find(UserId userId, AddressId id);

    /** The address an order without an address goes to; empty when the user has none. */
    Optional<Address> findDefault(UserId userId);

    /**
     * {@link #find} for many at once (a group of placements reads its addresses in one go): the
     * answer holds, in the order asked, each address when the user beside it owns it.
     */
    List<Optional<Address>> findEach(List<Owned> wanted);

    /**
     * Makes {@code id} the user's default and the previous default an ordinary address, at once.
     *
     * @return the new default
     * @throws dev.ordersystem.core.domain.NotFound when the user has no such address (nothing changes)
     */
    Address setDefault(UserId userId, AddressId id);

    /**
     * Removes an address; when it was the default, the newest remaining address (highest id)
     * becomes the default, so a user with addresses always has one.
     *
     * @throws dev.ordersystem.core.domain.NotFound when the user has no such address
     */
    void remove(UserId userId, AddressId id);

    /** An address id and the user who claims it. */
    record Owned(UserId userId, AddressId id) {
    }
}
