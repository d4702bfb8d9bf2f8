package dev.ordersystem.core.memory;

import dev.ordersystem.core.port.Storage;
import dev.ordersystem.core.port.Webhooks;

import java.time.Clock;
import java.util.Currency;

/**
 * A complete store in this process's memory: for apps embedding the core and for tests.
 * Thread-safe and all-or-nothing; nothing survives the process.
 */
public final class InMemoryStorage {
    private InMemoryStorage() {
    }

    public static Storage create(Currency currency) {
        return create(currency, Clock.systemUTC());
    }

    /** @param clock stamps journal entries and stock movements */
    public static Storage create(Currency currency, Clock clock) {
        InMemoryStore store = new InMemoryStore();
        InMemoryOrderRepository orders = new InMemoryOrderRepository(store);
        InMemoryCatalogue catalogue = new InMemoryCatalogue(store);
        InMemoryStockLedger stock = new InMemoryStockLedger(store, catalogue, clock);
        InMemoryBalanceLedger balances = new InMemoryBalanceLedger(store, currency, clock);
        InMemoryPaymentRecords payments = new InMemoryPaymentRecords(store);
        InMemoryAddressBook addresses = new InMemoryAddressBook(store);
        InMemoryOutbox outbox = new InMemoryOutbox(store);
        InMemoryRefunds refunds = new InMemoryRefunds(store, payments);
        InMemoryWebhookEndpoints endpoints = new InMemoryWebhookEndpoints(store);
        InMemoryWebhookDeliveries deliveries = new InMemoryWebhookDeliveries(store, outbox, endpoints);
        endpoints.deliveries(deliveries);
        return new Storage(store, orders, stock, balances, catalogue, payments, new InMemoryPaymentAttempts(store),
                new InMemoryUserAccounts(store),
                new InMemoryAccessTokens(store), addresses,
                new InMemoryAuditSource(store, orders, stock, balances, payments, addresses, outbox, refunds), outbox,
                new Webhooks(endpoints, deliveries), refunds);
    }
}
