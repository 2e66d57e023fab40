package dev.dbtstateoss.store;

class MemoryStoreTest extends StoreContract {
    @Override
    StateStore newStore() {
        return new MemoryStore();
    }

    @Override
    StateStore sameData(StateStore store) {
        return store;
    }
}
