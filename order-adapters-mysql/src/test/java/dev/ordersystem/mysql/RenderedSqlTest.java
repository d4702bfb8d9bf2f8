package dev.ordersystem.mysql;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

import static dev.ordersystem.mysql.schema.Tables.ACCESS_TOKEN;
import static dev.ordersystem.mysql.schema.Tables.STOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Binds are passed by position, so the names a statement declares must be its binds in rendered order. */
class RenderedSqlTest {
    private static final DSLContext MARIADB = DSL.using(SQLDialect.MARIADB);

    @Test
    void renders_the_statement_once_with_a_mark_per_bind() {
        RenderedSql take = new RenderedSql(MARIADB, DSL.update(STOCK)
                .set(STOCK.AVAILABLE, STOCK.AVAILABLE.minus(DSL.param("quantity", STOCK.AVAILABLE)))
                .where(STOCK.PRODUCT_ID.eq(DSL.param("productId", STOCK.PRODUCT_ID)))
                .and(STOCK.AVAILABLE.ge(DSL.param("atLeast", STOCK.AVAILABLE))), List.of("quantity", "productId", "atLeast"));

        assertThat(take.sql()).isEqualTo("update `stock` set `stock`.`available` = (`stock`.`available` - ?) "
                + "where (`stock`.`product_id` = ? and `stock`.`available` >= ?)");
    }

    @Test
    void inline_values_are_part_of_the_text_and_no_bind() {
        RenderedSql find = new RenderedSql(MARIADB, DSL.select(ACCESS_TOKEN.USER_ID).from(ACCESS_TOKEN)
                .where(ACCESS_TOKEN.TOKEN_DIGEST.eq(DSL.param("digest", ACCESS_TOKEN.TOKEN_DIGEST)))
                .and(ACCESS_TOKEN.REVOKED.isFalse()), List.of("digest"));

        assertThat(find.sql()).contains("`access_token`.`revoked` = false").containsOnlyOnce("?");
    }

    @Test
    void a_driver_failure_names_the_sql_and_keeps_the_drivers_exception() throws Exception {
        try (Connection empty = DriverManager.getConnection("jdbc:h2:mem:rendered-sql-test")) { // no tables at all
            DSLContext h2 = DSL.using(empty, SQLDialect.H2);
            RenderedSql take = new RenderedSql(h2, DSL.update(STOCK)
                    .set(STOCK.AVAILABLE, STOCK.AVAILABLE.minus(DSL.param("quantity", STOCK.AVAILABLE)))
                    .where(STOCK.PRODUCT_ID.eq(DSL.param("productId", STOCK.PRODUCT_ID))), List.of("quantity", "productId"));

            assertThatThrownBy(() -> take.execute(h2, 1L, 2L))
                    .isInstanceOf(DataAccessException.class)
                    .hasMessageContaining(take.sql())
                    .hasCauseInstanceOf(SQLException.class);
            assertThatThrownBy(() -> take.execute(h2, 1L))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("2 values expected, got 1");
        }
    }

    @Test
    void names_out_of_the_rendered_order_are_refused() {
        assertThatThrownBy(() -> new RenderedSql(MARIADB, DSL.update(STOCK)
                .set(STOCK.AVAILABLE, STOCK.AVAILABLE.minus(DSL.param("quantity", STOCK.AVAILABLE)))
                .where(STOCK.PRODUCT_ID.eq(DSL.param("productId", STOCK.PRODUCT_ID))), List.of("productId", "quantity")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[quantity, productId]");
    }
}
