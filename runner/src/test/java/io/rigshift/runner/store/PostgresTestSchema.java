package io.rigshift.runner.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh schema in the real PostgreSQL on 127.0.0.1:5432 (database {@code test}), so tests that
 * share that server never see each other's tables. Dropped on close.
 */
public final class PostgresTestSchema implements AutoCloseable {

    /** The server the tests talk to; {@code RIGSHIFT_TEST_PG_URL} overrides it. */
    public static final String SERVER_URL = System.getenv().getOrDefault("RIGSHIFT_TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/test?user=root");

    private final String schema;

    private PostgresTestSchema(String schema) {
        this.schema = schema;
    }

    /** Creates a new empty schema. */
    public static PostgresTestSchema create() throws SQLException {
        String schema = "rigshift_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE SCHEMA " + schema);
        return new PostgresTestSchema(schema);
    }

    /** A JDBC URL whose unqualified tables live in this schema. */
    public String url() {
        return SERVER_URL + (SERVER_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public String schema() {
        return schema;
    }

    @Override
    public void close() throws SQLException {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER_URL);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
