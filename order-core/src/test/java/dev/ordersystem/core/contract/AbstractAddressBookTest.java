package dev.ordersystem.core.contract;

import dev.ordersystem.core.domain.Address;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.ShippingAddress;
import dev.ordersystem.core.domain.UserId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract of {@link dev.ordersystem.core.port.AddressBook}. */
public abstract class AbstractAddressBookTest extends StorageFixtures {

    @Test
    void addressesAreSeenOnlyByTheirOwner() {
        UserId owner = newUser(0);
        UserId other = newUser(0);
        Address home = storage.addresses().add(owner, new ShippingAddress("王小明", "+86 10 1234 5678", "北京市 海淀区", "中关村大街 1 号"));

        assertThat(storage.addresses().list(owner)).containsExactly(home);
        assertThat(storage.addresses().find(owner, home.id())).contains(home);
        assertThat(storage.addresses().find(other, home.id())).isEmpty();
        assertThat(storage.addresses().list(other)).isEmpty();
        assertThatThrownBy(() -> storage.addresses().remove(other, home.id())).isInstanceOf(NotFound.class);

        storage.addresses().remove(owner, home.id());
        assertThat(storage.addresses().list(owner)).isEmpty();
    }
}
