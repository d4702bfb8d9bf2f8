package dev.ordersystem.mysql.jooq;

import org.jooq.Binding;
import org.jooq.BindingGetResultSetContext;
import org.jooq.BindingGetSQLInputContext;
import org.jooq.BindingGetStatementContext;
import org.jooq.BindingRegisterContext;
import org.jooq.BindingSQLContext;
import org.jooq.BindingSetSQLOutputContext;
import org.jooq.BindingSetStatementContext;
import org.jooq.Converter;
import org.jooq.conf.ParamType;
import org.jooq.impl.DSL;

import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;

/**
 * Binds DATETIME(6) values as text ({@code 2026-01-01 12:00:00.123456}), which MySQL, MariaDB
 * and H2 all read exactly. Connector/J drops the microseconds of a {@code LocalDateTime} when the
 * server is MariaDB (its version string starts "5.5.5-", older than fractional seconds), so the
 * typed bind would lose them. Attached to every DATETIME column by the jOOQ code generator.
 */
public final class DateTimeBinding implements Binding<LocalDateTime, LocalDateTime> {
    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

    /** The text a DATETIME(6) value is bound as. */
    public static String text(LocalDateTime value) {
        return TEXT.format(value);
    }

    @Override
    public Converter<LocalDateTime, LocalDateTime> converter() {
        return Converter.of(LocalDateTime.class, LocalDateTime.class, Function.identity(), Function.identity());
    }

    @Override
    public void sql(BindingSQLContext<LocalDateTime> ctx) {
        if (ctx.render().paramType() == ParamType.INLINED) ctx.render().visit(DSL.inline(ctx.value()));
        else ctx.render().sql(ctx.variable());
    }

    @Override
    public void register(BindingRegisterContext<LocalDateTime> ctx) throws SQLException {
        ctx.statement().registerOutParameter(ctx.index(), Types.TIMESTAMP);
    }

    @Override
    public void set(BindingSetStatementContext<LocalDateTime> ctx) throws SQLException {
        if (ctx.value() == null) ctx.statement().setNull(ctx.index(), Types.VARCHAR);
        else ctx.statement().setString(ctx.index(), text(ctx.value()));
    }

    @Override
    public void set(BindingSetSQLOutputContext<LocalDateTime> ctx) {
        throw new UnsupportedOperationException("no user-defined types here");
    }

    @Override
    public void get(BindingGetResultSetContext<LocalDateTime> ctx) throws SQLException {
        ctx.value(ctx.resultSet().getObject(ctx.index(), LocalDateTime.class));
    }

    @Override
    public void get(BindingGetStatementContext<LocalDateTime> ctx) throws SQLException {
        ctx.value(ctx.statement().getObject(ctx.index(), LocalDateTime.class));
    }

    @Override
    public void get(BindingGetSQLInputContext<LocalDateTime> ctx) {
        throw new UnsupportedOperationException("no user-defined types here");
    }
}
