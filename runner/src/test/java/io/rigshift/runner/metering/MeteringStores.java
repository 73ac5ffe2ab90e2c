package io.rigshift.runner.metering;

import io.rigshift.runner.store.PostgresTestSchema;
import io.rigshift.runner.store.RigshiftHome;
import io.rigshift.runner.store.Store;
import io.rigshift.runner.store.StorePlatform;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;

/** A migrated store on either platform for metering tests; closing it drops the PostgreSQL schema. */
public final class MeteringStores implements AutoCloseable {

    private final Store store;
    private final PostgresTestSchema schema;

    private MeteringStores(Store store, PostgresTestSchema schema) {
        this.store = store;
        this.schema = schema;
    }

    /** A store of {@code platform}; SQLite lives in {@code home}, PostgreSQL in a fresh schema. */
    public static MeteringStores open(StorePlatform platform, Path home) throws SQLException {
        if (platform == StorePlatform.SQLITE) {
            return new MeteringStores(Store.open(new RigshiftHome(home), Optional.empty()), null);
        }
        PostgresTestSchema schema = PostgresTestSchema.create();
        try {
            return new MeteringStores(Store.open(new RigshiftHome(home), Optional.of(schema.url())), schema);
        } catch (RuntimeException e) {
            schema.close();
            throw e;
        }
    }

    public Store store() {
        return store;
    }

    /** Empties the ledger and the rate card between trials. */
    public void clear() {
        store.jdbc().update("DELETE FROM usage_record");
        store.jdbc().update("DELETE FROM rate_card_entry");
    }

    @Override
    public void close() throws SQLException {
        store.close();
        if (schema != null) {
            schema.close();
        }
    }
}
