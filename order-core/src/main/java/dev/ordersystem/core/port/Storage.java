package dev.ordersystem.core.port;

import java.util.Objects;

/** The persistence ports of one store (in-memory, MySQL/MariaDB, H2), sharing one transaction boundary. */
public record Storage(
        Transactions transactions,
        OrderRepository orders,
        StockLedger stock,
        BalanceLedger balances,
        ProductCatalogue catalogue,
        PaymentRecords payments,
        PaymentAttempts attempts,
        UserAccounts users,
        AccessTokens tokens,
        AddressBook addresses,
        AuditSource audit,
        Outbox outbox,
        Webhooks webhooks,
        Refunds refunds) {

    public Storage {
        Objects.requireNonNull(transactions);
        Objects.requireNonNull(orders);
        Objects.requireNonNull(stock);
        Objects.requireNonNull(balances);
        Objects.requireNonNull(catalogue);
        Objects.requireNonNull(payments);
        Objects.requireNonNull(attempts);
        Objects.requireNonNull(users);
        Objects.requireNonNull(tokens);
        Objects.requireNonNull(addresses);
        Objects.requireNonNull(audit);
        Objects.requireNonNull(outbox);
        Objects.requireNonNull(webhooks);
        Objects.requireNonNull(refunds);
    }

    /** These ports under another transaction boundary (one that counts, delays or refuses, for instance). */
    public Storage withTransactions(Transactions other) {
        return new Storage(other, orders, stock, balances, catalogue, payments, attempts, users, tokens, addresses, audit, outbox,
                webhooks, refunds);
    }
}
