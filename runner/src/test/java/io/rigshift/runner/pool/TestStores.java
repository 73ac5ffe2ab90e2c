package io.rigshift.runner.pool;

import io.rigshift.runner.store.PostgresTestSchema;
import io.rigshift.runner.store.RigshiftHome;
import io.rigshift.runner.store.Store;
import io.rigshift.runner.store.StorePlatform;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A migrated store for a test: a SQLite file in a temporary home, or a fresh schema of the real
 * PostgreSQL. {@link #location()} is what a child JVM needs to open the same store.
 */
public final class TestStores implements AutoCloseable {

    private final Store store;
    private final PostgresTestSchema schema;
    private final String location;

    private TestStores(Store store, PostgresTestSchema schema, String location) {
        this.store = store;
        this.schema = schema;
        this.location = location;
    }

    public static TestStores open(StorePlatform platform, Path tempDir) throws SQLException {
        if (platform == StorePlatform.SQLITE) {
            return new TestStores(Store.open(new RigshiftHome(tempDir), Optional.empty()), null, tempDir.toString());
        }
        PostgresTestSchema schema = PostgresTestSchema.create();
        try {
            return new TestStores(Store.open(new RigshiftHome(tempDir), Optional.of(schema.url())), schema, schema.url());
        } catch (RuntimeException e) {
            schema.close();
            throw e;
        }
    }

    /** Opens the store a {@link #location()} names: a JDBC URL, or else a SQLite home folder. */
    public static Store openLocation(String location) {
        if (location.startsWith("jdbc:")) {
            return Store.open(new RigshiftHome(Path.of(System.getProperty("java.io.tmpdir"))), Optional.of(location));
        }
        return Store.open(new RigshiftHome(Path.of(location)), Optional.empty());
    }

    public Store store() {
        return store;
    }

    public String location() {
        return location;
    }

    @Override
    public void close() throws SQLException {
        store.close();
        if (schema != null) {
            schema.close();
        }
    }
}
