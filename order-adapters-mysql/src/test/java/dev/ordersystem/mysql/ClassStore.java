package dev.ordersystem.mysql;

import dev.ordersystem.core.port.Reconciliations;
import dev.ordersystem.core.port.Storage;

import java.util.function.Supplier;

/**
 * The store of one nested contract class: opened on first use, shared by the class's tests (the
 * contract suite makes its own users and products in every test), closed after the class.
 */
final class ClassStore implements AutoCloseable {
    private final Supplier<TestStore> opener;
    private TestStore store;

    ClassStore(Supplier<TestStore> opener) {
        this.opener = opener;
    }

    synchronized Storage storage() {
        if (store == null) store = opener.get();
        return store.database().storage();
    }

    /** The reconciliation reports of this store (DESIGN §14). */
    synchronized Reconciliations reconciliations() {
        storage();
        return store.database().reconciliations();
    }

    /** The store of a second instance of the shop on the same database (see {@link TestStore#secondInstance()}). */
    synchronized Storage secondInstance() {
        storage();
        return store.secondInstance().storage();
    }

    @Override
    public synchronized void close() {
        if (store != null) store.close();
        store = null;
    }
}
