package dev.ordersystem.core.contract;

import dev.ordersystem.core.domain.Address;
import dev.ordersystem.core.domain.ErrorCode;
import dev.ordersystem.core.domain.NotAuthenticated;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.ShippingAddress;
import dev.ordersystem.core.domain.User;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.domain.UsernameTaken;
import dev.ordersystem.core.domain.ValidationFailed;
import dev.ordersystem.core.usecase.user.Session;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DESIGN §4.9: registration, login, tokens, balance, top-ups and addresses. */
public abstract class AbstractUserTest extends AbstractOrderSystemTest {

    @Test
    void registeredUserLogsInAndTheTokenNamesThem() {
        String name = unique("alice");
        User user = system.registerUser().register(name, "s3cret-password");

        Session session = system.sessions().logIn(name.toUpperCase(), "s3cret-password");

        assertThat(session.userId()).isEqualTo(user.id());
        assertThat(system.sessions().authenticate(session.token())).isEqualTo(user.id());
        assertThat(system.viewAccount().view(user.id()).balance()).isEqualTo(cny(0));
        assertThat(storage.users().credentials(name).orElseThrow().passwordHash())
                .startsWith("pbkdf2-sha256$").doesNotContain("s3cret-password");
    }

    @Test
    void wrongPasswordAndUnknownUserAreRefusedAlike() {
        String name = unique("bob");
        system.registerUser().register(name, "right-password");

        assertThatThrownBy(() -> system.sessions().logIn(name, "wrong-password"))
                .isInstanceOfSatisfying(NotAuthenticated.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_AUTHENTICATED);
                    assertThat(e.getMessage()).isEqualTo("invalid username or password");
                });
        assertThatThrownBy(() -> system.sessions().logIn(unique("nobody"), "right-password"))
                .hasMessage("invalid username or password");
    }

    @Test
    void tokensExpireAndCanBeRevoked() {
        String name = unique("carol");
        system.registerUser().register(name, "right-password");
        Session expiring = system.sessions().logIn(name, "right-password");
        Session revoked = system.sessions().logIn(name, "right-password");

        system.sessions().logOut(revoked.token());
        assertThatThrownBy(() -> system.sessions().authenticate(revoked.token())).isInstanceOf(NotAuthenticated.class);
        clock.advance(Duration.ofHours(24).plusSeconds(1));
        assertThatThrownBy(() -> system.sessions().authenticate(expiring.token())).isInstanceOf(NotAuthenticated.class);
        assertThatThrownBy(() -> system.sessions().authenticate("forged-token")).isInstanceOf(NotAuthenticated.class);
        assertThatThrownBy(() -> system.sessions().authenticate("")).isInstanceOf(NotAuthenticated.class);
    }

    @Test
    void aTokenAlreadyResolvedStillEndsAtLogOutAndAtItsExpiry() {
        String name = unique("dave");
        system.registerUser().register(name, "right-password");
        Session leaving = system.sessions().logIn(name, "right-password");
        Session expiring = system.sessions().logIn(name, "right-password");
        clock.advance(Duration.ofHours(24).minusSeconds(30));
        assertThat(system.sessions().authenticate(leaving.token())).isEqualTo(expiring.userId());
        assertThat(system.sessions().authenticate(expiring.token())).isEqualTo(expiring.userId()); // now cached

        system.sessions().logOut(leaving.token());
        assertThatThrownBy(() -> system.sessions().authenticate(leaving.token())).isInstanceOf(NotAuthenticated.class);
        clock.advance(Duration.ofSeconds(31));
        assertThatThrownBy(() -> system.sessions().authenticate(expiring.token())).isInstanceOf(NotAuthenticated.class);
    }

    @Test
    void usernamesAreUniqueIgnoringCaseAndValidated() {
        String name = unique("dave");
        system.registerUser().register(name, "right-password");

        assertThatThrownBy(() -> system.registerUser().register(name.toUpperCase(), "other-password"))
                .isInstanceOf(UsernameTaken.class);
        assertThatThrownBy(() -> system.registerUser().register("a b", "short"))
                .isInstanceOfSatisfying(ValidationFailed.class, e -> assertThat(e.errors()).extracting("field")
                        .containsExactlyInAnyOrder("username", "password"));
    }

    @Test
    void topUpsAreJournalledAndValidated() {
        Buyer buyer = newBuyer(0);

        assertThat(system.topUpBalance().topUp(buyer.userId(), 2_500, "welcome bonus")).isEqualTo(cny(2_500));
        assertThat(system.topUpBalance().topUp(buyer.userId(), 500, "welcome bonus")).isEqualTo(cny(3_000));

        assertThat(storage.balances().journal(buyer.userId())).hasSize(2);
        assertThatThrownBy(() -> system.topUpBalance().topUp(buyer.userId(), -1, "")).isInstanceOfSatisfying(ValidationFailed.class,
                e -> assertThat(e.errors()).extracting("field").containsExactlyInAnyOrder("amount", "reason"));
        assertThatThrownBy(() -> system.topUpBalance().topUp(new UserId(999_999_999L), 1, "x")).isInstanceOf(NotFound.class);
        assertInvariantsHold();
    }

    @Test
    void addressesBelongToTheirUser() {
        Buyer buyer = newBuyer(0);
        Buyer other = newBuyer(0);
        Address added = system.manageAddresses().add(buyer.userId(), new ShippingAddress("Han Meimei", "021-5555-0000", "Beijing", "2 Chang'an Ave"));

        assertThat(system.manageAddresses().list(buyer.userId())).extracting(Address::id).contains(added.id());
        assertThat(system.manageAddresses().list(other.userId())).extracting(Address::id).doesNotContain(added.id());
        assertThatThrownBy(() -> system.manageAddresses().remove(other.userId(), added.id())).isInstanceOf(NotFound.class);
        system.manageAddresses().remove(buyer.userId(), added.id());
        assertThat(system.manageAddresses().list(buyer.userId())).extracting(Address::id).doesNotContain(added.id());
        assertThatThrownBy(() -> system.manageAddresses().add(buyer.userId(), new ShippingAddress("", "abc", "", "")))
                .isInstanceOfSatisfying(ValidationFailed.class, e -> assertThat(e.errors()).extracting("field")
                        .containsExactlyInAnyOrder("recipient", "phone", "region", "detail"));
    }

    @Test
    void theNewAddressPartsAreOptionalAndCheckedEachByName() {
        Buyer buyer = newBuyer(0);
        String long65 = "省".repeat(65);

        assertThatThrownBy(() -> system.manageAddresses().add(buyer.userId(), new ShippingAddress("Han Meimei", "021-5555-0000",
                "Beijing", "2 Chang'an Ave", long65, long65, long65, "10 00")))
                .isInstanceOfSatisfying(ValidationFailed.class, e -> assertThat(e.errors()).extracting("field")
                        .containsExactlyInAnyOrder("province", "city", "district"));
        for (String badCode : List.of("12", "1234567890A", "-10008", "10008-", "100_080")) {
            assertThatThrownBy(() -> system.manageAddresses().add(buyer.userId(), new ShippingAddress("Han Meimei", "021-5555-0000",
                    "Beijing", "2 Chang'an Ave", null, null, null, badCode)))
                    .as(badCode).isInstanceOfSatisfying(ValidationFailed.class, e -> assertThat(e.errors()).extracting("field")
                            .containsExactly("postalCode"));
        }
        assertThat(system.manageAddresses().list(buyer.userId())).hasSize(1);

        Address blank = system.manageAddresses().add(buyer.userId(), new ShippingAddress("Han Meimei", "021-5555-0000",
                "Beijing", "2 Chang'an Ave", "", " ", null, ""));
        assertThat(blank.shipping()).isEqualTo(new ShippingAddress("Han Meimei", "021-5555-0000", "Beijing", "2 Chang'an Ave"));
        for (String goodCode : List.of("100080", "100-0001", "SW1A 1AA", "12345-6789")) {
            assertThat(system.manageAddresses().add(buyer.userId(), new ShippingAddress("Han Meimei", "021-5555-0000",
                    "Beijing", "2 Chang'an Ave", "北".repeat(64), null, null, goodCode)).shipping().postalCode()).isEqualTo(goodCode);
        }
    }

    @Test
    void anAddressAddedAsDefaultReplacesThePreviousDefault() {
        Buyer buyer = newBuyer(0);
        Address plain = system.manageAddresses().add(buyer.userId(), new ShippingAddress("Han Meimei", "021-5555-0000", "Beijing", "2 Chang'an Ave"));
        Address chosen = system.manageAddresses().add(buyer.userId(), new ShippingAddress("Han Meimei", "021-5555-0000", "Beijing", "3 Chang'an Ave"), true);

        assertThat(plain.isDefault()).isFalse();
        assertThat(chosen.isDefault()).isTrue();
        assertThat(system.manageAddresses().list(buyer.userId())).filteredOn(Address::isDefault).extracting(Address::id)
                .containsExactly(chosen.id());
        assertThat(system.manageAddresses().setDefault(buyer.userId(), plain.id()).isDefault()).isTrue();
        assertThat(system.manageAddresses().list(buyer.userId())).filteredOn(Address::isDefault).extracting(Address::id)
                .containsExactly(plain.id());
    }
}
