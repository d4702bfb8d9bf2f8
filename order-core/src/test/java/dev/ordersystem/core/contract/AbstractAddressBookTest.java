package dev.ordersystem.core.contract;

import dev.ordersystem.core.domain.Address;
import dev.ordersystem.core.domain.AddressId;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.ShippingAddress;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.port.AddressBook.Owned;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

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

    @Test
    void manyAreFoundAtOnceEachOnlyForItsOwner() {
        UserId owner = newUser(0);
        UserId other = newUser(0);
        Address home = storage.addresses().add(owner, new ShippingAddress("王小明", "+86 10 1234 5678", "北京市 海淀区", "中关村大街 1 号"));
        Address office = storage.addresses().add(owner, new ShippingAddress("王小明", "+86 10 1234 5679", "北京市 朝阳区", "建国路 88 号"));
        Address theirs = storage.addresses().add(other, new ShippingAddress("李雷", "+86 21 5555 0100", "上海市", "世纪大道 100 号"));

        List<Optional<Address>> found = storage.addresses().findEach(List.of(
                new Owned(owner, office.id()), new Owned(other, home.id()), new Owned(owner, home.id()),
                new Owned(other, theirs.id()), new Owned(owner, new AddressId(Long.MAX_VALUE)), new Owned(owner, office.id())));

        assertThat(found).containsExactly(Optional.of(office), Optional.empty(), Optional.of(home),
                Optional.of(theirs), Optional.empty(), Optional.of(office));
        assertThat(storage.addresses().findEach(List.of())).isEmpty();
    }
}
