package dev.ordersystem.mysql;

import dev.ordersystem.core.domain.Product;
import dev.ordersystem.core.port.Storage;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Currency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded default of DESIGN §6: an H2 file database that keeps its data across restarts. */
class EmbeddedDatabaseTest {

    @Test
    void data_survives_a_restart_and_migrations_run_once() throws Exception {
        Path dir = Files.createTempDirectory("order-embedded-");
        try {
            Product saved;
            try (SqlDatabase db = SqlDatabase.embedded(dir)) {
                assertThat(db.server()).isEqualTo(ServerKind.H2);
                Storage storage = db.storage();
                saved = new Fixtures(storage).product(1_999, 7);
            }
            try (SqlDatabase again = SqlDatabase.embedded(dir)) {
                assertThat(again.storage().catalogue().find(saved.id())).contains(saved);
                assertThat(again.storage().stock().available(saved.id())).isEqualTo(7);
                assertThat(again.readiness().state()).isEqualTo(Readiness.State.READY);
            }
        } finally {
            TestStore.deleteTree(dir);
        }
    }

    @Test
    void amounts_carry_the_configured_currency() throws Exception {
        Path dir = Files.createTempDirectory("order-embedded-");
        Currency usd = Currency.getInstance("USD");
        try (SqlDatabase db = SqlDatabase.embedded(dir, SqlOptions.defaults().withCurrency(usd))) {
            Product p = db.storage().catalogue().add("mug", "", dev.ordersystem.core.domain.Money.of(500, usd), true);
            assertThat(db.storage().catalogue().find(p.id())).get().extracting(x -> x.price().currency()).isEqualTo(usd);
            assertThatThrownBy(() -> db.storage().catalogue().add("mug", "", Fixtures.cny(500), true))
                    .isInstanceOf(IllegalArgumentException.class);
        } finally {
            TestStore.deleteTree(dir);
        }
    }

    @Test
    void a_closed_database_is_not_ready() throws Exception {
        Path dir = Files.createTempDirectory("order-embedded-");
        try {
            SqlDatabase db = SqlDatabase.embedded(dir);
            db.close();
            assertThat(db.readiness().state()).isEqualTo(Readiness.State.UNAVAILABLE);
        } finally {
            TestStore.deleteTree(dir);
        }
    }

    @Test
    void an_unknown_url_scheme_is_refused_with_the_supported_ones() {
        assertThatThrownBy(() -> SqlDatabase.connect("jdbc:postgresql://localhost/x", "u", "p", SqlOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:mariadb:");
    }

    @Test
    void the_default_pool_follows_hikaris_sizing_formula() {
        assertThat(SqlOptions.defaults().poolSize()).isEqualTo(Runtime.getRuntime().availableProcessors() * 2 + 1);
    }
}
