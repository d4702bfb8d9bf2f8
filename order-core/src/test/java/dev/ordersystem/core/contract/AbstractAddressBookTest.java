package dev.ordersystem.core.contract;

import dev.ordersystem.core.audit.InvariantAudit;
import dev.ordersystem.core.domain.Address;
import dev.ordersystem.core.domain.AddressId;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.ShippingAddress;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.port.AddressBook.Owned;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

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

    @Test
    void theFirstAddressIsTheDefaultAndEveryPartIsKept() {
        UserId owner = newUser(0);
        ShippingAddress full = new ShippingAddress("王小明", "+86 10 1234 5678", "北京市 海淀区", "中关村大街 1 号",
                "北京市", "北京市", "海淀区", "100080");
        Address first = storage.addresses().add(owner, full);
        Address second = storage.addresses().add(owner, new ShippingAddress("王小明", "+86 10 1234 5679", "北京市", "建国路 88 号"));

        assertThat(first.isDefault()).isTrue();
        assertThat(second.isDefault()).isFalse();
        assertThat(storage.addresses().find(owner, first.id())).contains(first);
        assertThat(storage.addresses().find(owner, first.id()).orElseThrow().shipping()).isEqualTo(full);
        assertThat(storage.addresses().find(owner, second.id()).orElseThrow().shipping())
                .extracting(ShippingAddress::province, ShippingAddress::city, ShippingAddress::district, ShippingAddress::postalCode)
                .containsOnlyNulls();
        assertThat(storage.addresses().list(owner)).containsExactly(first, second);
        assertThat(storage.addresses().findEach(List.of(new Owned(owner, second.id()), new Owned(owner, first.id()))))
                .containsExactly(Optional.of(second), Optional.of(first));
        assertThat(storage.addresses().findDefault(owner)).contains(first);
        assertThat(storage.addresses().findDefault(newUser(0))).isEmpty();
    }

    @Test
    void settingAnotherDefaultUnsetsThePrevious() {
        UserId owner = newUser(0);
        UserId other = newUser(0);
        Address home = storage.addresses().add(owner, address());
        Address office = storage.addresses().add(owner, address());
        Address theirs = storage.addresses().add(other, address());

        Address chosen = storage.addresses().setDefault(owner, office.id());

        assertThat(chosen).isEqualTo(new Address(office.id(), owner, office.shipping(), true));
        assertThat(storage.addresses().findDefault(owner)).contains(chosen);
        assertThat(storage.addresses().list(owner)).extracting(Address::isDefault).containsExactly(false, true);
        assertThat(storage.addresses().setDefault(owner, office.id())).isEqualTo(chosen);
        assertThat(storage.addresses().list(owner)).extracting(Address::isDefault).containsExactly(false, true);

        assertThatThrownBy(() -> storage.addresses().setDefault(owner, theirs.id())).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> storage.addresses().setDefault(other, home.id())).isInstanceOf(NotFound.class);
        assertThat(storage.addresses().findDefault(owner)).contains(chosen);
        assertThat(storage.addresses().findDefault(other)).contains(theirs);
    }

    @Test
    void removingTheDefaultMakesTheNewestRemainingOneTheDefault() {
        UserId owner = newUser(0);
        Address first = storage.addresses().add(owner, address());
        Address second = storage.addresses().add(owner, address());
        Address third = storage.addresses().add(owner, address());
        Address fourth = storage.addresses().add(owner, address());

        storage.addresses().remove(owner, first.id());
        assertThat(storage.addresses().findDefault(owner).map(Address::id)).contains(fourth.id());

        storage.addresses().remove(owner, second.id());
        assertThat(storage.addresses().findDefault(owner).map(Address::id)).contains(fourth.id());

        storage.addresses().setDefault(owner, third.id());
        storage.addresses().remove(owner, third.id());
        assertThat(storage.addresses().findDefault(owner).map(Address::id)).contains(fourth.id());

        storage.addresses().remove(owner, fourth.id());
        assertThat(storage.addresses().findDefault(owner)).isEmpty();
        assertThat(storage.addresses().add(owner, address()).isDefault()).isTrue();
    }

    /**
     * Adds, default changes and removals of one book at the same time: each call succeeds (a
     * removal may beat a default change of the same address: NotFound), and afterwards the book has
     * exactly one default. Also the race of a new user's first adds: exactly one becomes default.
     */
    @Test
    void concurrentChangesOfOneBookLeaveExactlyOneDefault() throws InterruptedException {
        UserId owner = newUser(0);
        List<Address> book = new ArrayList<>();
        for (int i = 0; i < 10; i++) book.add(storage.addresses().add(owner, address()));
        List<AddressId> removed = book.subList(7, 10).stream().map(Address::id).toList();
        List<Callable<Object>> tasks = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (Address address : book) tasks.add(() -> storage.addresses().setDefault(owner, address.id()));
        }
        for (int i = 0; i < 5; i++) tasks.add(() -> storage.addresses().add(owner, address()));
        for (AddressId id : removed) tasks.add(() -> {
            storage.addresses().remove(owner, id);
            return id;
        });

        List<Race.Result<Object>> results = Race.run(8, tasks, Duration.ofMinutes(2));

        for (Race.Result<Object> result : results) {
            if (!result.succeeded()) {
                assertThat(result.error()).isInstanceOf(NotFound.class);
                assertThat(removed.stream().map(id -> "address " + id + " not found")).contains(result.error().getMessage());
            }
        }
        List<Address> after = storage.addresses().list(owner);
        assertThat(after).hasSize(12);
        assertThat(after).filteredOn(Address::isDefault).hasSize(1);
        assertThat(storage.addresses().findDefault(owner)).isPresent();

        UserId newcomer = newUser(0);
        List<Callable<Address>> firstAdds = new ArrayList<>();
        for (int i = 0; i < 8; i++) firstAdds.add(() -> storage.addresses().add(newcomer, address()));
        List<Race.Result<Address>> added = Race.run(8, firstAdds, Duration.ofMinutes(2));
        assertThat(added).allMatch(Race.Result::succeeded);
        assertThat(added).filteredOn(r -> r.value().isDefault()).hasSize(1);
        assertThat(storage.addresses().list(newcomer)).hasSize(8).filteredOn(Address::isDefault).hasSize(1);
        assertThat(new InvariantAudit(storage.audit(), Duration.ofMinutes(1), Clock.systemUTC()).run().violations())
                .as("DESIGN §7 invariants, one default per address book among them").isEmpty();
    }
}
