package io.rigshift.runner.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rigshift's database: the Spring Batch job repository, the pool, leases and the usage ledger.
 *
 * <p>The embedded default is a SQLite file under the home, opened in WAL mode with a busy timeout
 * and {@code transaction_mode=IMMEDIATE}, so that every write transaction takes the database lock
 * at its start: several Rigshift processes (one per training job, plus read commands) share it.
 * With {@code --db-url} or {@code RIGSHIFT_DB_URL} the store is PostgreSQL instead.
 *
 * <p>Opening the store runs the versioned migrations (Flyway) found in
 * {@code db/migration/common} and {@code db/migration/<platform>}.
 */
public final class Store implements AutoCloseable {

    /** The environment variable that names a database URL when {@code --db-url} is not given. */
    public static final String DB_URL_ENV = "RIGSHIFT_DB_URL";

    /**
     * How long a SQLite writer waits for another process's write lock before failing (and a running
     * job's {@code StoreRetry} takes over); {@code -Drigshift.sqlite.busy-timeout.ms} sets it (tests).
     */
    static final int SQLITE_BUSY_TIMEOUT_MS = Integer.getInteger("rigshift.sqlite.busy-timeout.ms", 30_000);

    private final DataSource dataSource;
    private final AutoCloseable closer;
    private final StorePlatform platform;
    private final boolean forReading;
    private final JdbcTransactionManager transactionManager;

    private Store(HikariDataSource dataSource, StorePlatform platform, boolean forReading) {
        this(dataSource, dataSource, platform, forReading);
    }

    private Store(DataSource dataSource, AutoCloseable closer, StorePlatform platform, boolean forReading) {
        this.dataSource = dataSource;
        this.closer = closer;
        this.platform = platform;
        this.forReading = forReading;
        this.transactionManager = new JdbcTransactionManager(dataSource);
    }

    /**
     * Opens the store of a home: the given URL if any, else the home's SQLite file. Migrates the
     * schema to the newest version first.
     */
    public static Store open(RigshiftHome home, Optional<String> dbUrl) {
        return open(home, dbUrl, false);
    }

    private static Store open(RigshiftHome home, Optional<String> dbUrl, boolean forReading) {
        String url = dbUrl.filter(u -> !u.isBlank()).orElseGet(() -> sqliteUrl(home.ensureExists().database()));
        StorePlatform platform = StorePlatform.ofUrl(url);
        HikariDataSource dataSource = dataSource(url, platform);
        try {
            migrate(dataSource, platform, home);
            return new Store(dataSource, platform, forReading);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    /**
     * Opens the store for a command that only reads ({@code jobs}, {@code status}, {@code logs}).
     * On SQLite its transactions are DEFERRED: in WAL mode a reader then never waits for the write
     * lock, where an IMMEDIATE transaction (which Spring Batch's repository opens even to read) queues
     * behind every running job's commits. A store that needs migrating is migrated first, as
     * {@link #open} does. On SQLite it holds one connection and no pool: a read command is one
     * thread, and a connection pool's start-up was a tenth of such a command's time.
     */
    public static Store openForReading(RigshiftHome home, Optional<String> dbUrl) {
        String url = dbUrl.filter(u -> !u.isBlank()).orElseGet(() -> sqliteUrl(home.ensureExists().database()));
        StorePlatform platform = StorePlatform.ofUrl(url);
        if (platform != StorePlatform.SQLITE) {
            return open(home, dbUrl, true);
        }
        String readerUrl = url.replace("transaction_mode=IMMEDIATE", "transaction_mode=DEFERRED");
        SingleConnectionDataSource reader = sqliteReader(readerUrl);
        if (!isCurrent(reader)) {
            reader.destroy();
            open(home, dbUrl).close();
            reader = sqliteReader(readerUrl);
        }
        return new Store(reader, reader::destroy, platform, true);
    }

    /** One SQLite connection, straight from the driver (no driver-manager scan of the class path). */
    private static SingleConnectionDataSource sqliteReader(String url) {
        try {
            java.sql.Connection connection = org.sqlite.JDBC.createConnection(url, new java.util.Properties());
            if (connection == null) {
                throw new StoreException("not a SQLite URL: " + url);
            }
            return new SingleConnectionDataSource(connection, true);
        } catch (java.sql.SQLException e) {
            throw new StoreException("cannot open the Rigshift store " + url + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether this store was opened for reading ({@link #openForReading}): its job repository then
     * reads without Spring's transaction proxy (each query on its own, as a read command needs).
     */
    public boolean forReading() {
        return forReading;
    }

    /** The URL of a SQLite file with the settings that let several processes share it. */
    public static String sqliteUrl(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath()
                + "?journal_mode=WAL&busy_timeout=" + SQLITE_BUSY_TIMEOUT_MS
                + "&transaction_mode=IMMEDIATE&synchronous=NORMAL&foreign_keys=true";
    }

    private static HikariDataSource dataSource(String url, StorePlatform platform) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setPoolName("rigshift-store");
        config.setMaximumPoolSize(platform == StorePlatform.SQLITE ? 4 : 8);
        config.setMinimumIdle(0);
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(SQLITE_BUSY_TIMEOUT_MS + 5_000L);
        if (platform == StorePlatform.POSTGRESQL && !url.contains("user=")) {
            config.setUsername(System.getProperty("user.name"));
        }
        return new HikariDataSource(config);
    }

    /**
     * The newest migration version this build ships; {@code StoreTests} checks it against the
     * migration files, so adding a migration without raising it fails the build.
     */
    static final int LATEST_MIGRATION = 34;

    private static void migrate(DataSource dataSource, StorePlatform platform, RigshiftHome home) {
        if (isCurrent(dataSource)) {
            // The common case: no Flyway at all, so read commands start fast and never write.
            return;
        }
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + platform.schemaName())
                .javaMigrations(new SpringBatchSchema(platform))
                .table("rigshift_schema_history")
                .baselineOnMigrate(false)
                .load();
        try {
            if (flyway.info().pending().length == 0) {
                // Up to date: read commands and jobs never write here, so they never wait on a running job.
                return;
            }
            if (platform == StorePlatform.SQLITE) {
                // Flyway has no cross-process lock on SQLite: a file lock keeps two first runs apart.
                try (FileChannel channel = FileChannel.open(home.root().resolve("store.lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                        FileLock ignored = channel.lock()) {
                    flyway.migrate();
                }
            } else {
                flyway.migrate();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the store of " + home.root(), e);
        } catch (FlywayException e) {
            throw new StoreException("cannot migrate the Rigshift store: " + e.getMessage(), e);
        }
    }

    /** Whether the store already holds every migration of this build (read only, no lock). */
    private static boolean isCurrent(DataSource dataSource) {
        try {
            Integer newest = new JdbcTemplate(dataSource).query(
                    "SELECT version FROM rigshift_schema_history WHERE success = true",
                    rs -> {
                        int max = 0;
                        while (rs.next()) {
                            String version = rs.getString(1);
                            if (version != null && version.matches("\\d+")) {
                                max = Math.max(max, Integer.parseInt(version));
                            }
                        }
                        return max;
                    });
            return newest != null && newest >= LATEST_MIGRATION;
        } catch (org.springframework.dao.DataAccessException noHistoryYet) {
            return false;
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * The SQL expression of the store's own clock in epoch milliseconds: what times heartbeats that
     * several hosts compare, so that their clocks need not agree.
     */
    public String nowMillisSql() {
        return platform == StorePlatform.POSTGRESQL ? "CAST(FLOOR(EXTRACT(EPOCH FROM clock_timestamp()) * 1000) AS BIGINT)"
                : "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";
    }

    /** The store's clock now, epoch milliseconds. */
    public long nowMillis() {
        Long now = jdbc().queryForObject("SELECT " + nowMillisSql(), Long.class);
        return now == null ? System.currentTimeMillis() : now;
    }

    public StorePlatform platform() {
        return platform;
    }

    public JdbcTransactionManager transactionManager() {
        return transactionManager;
    }

    public JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource);
    }

    /** A template for write transactions (on SQLite they take the database lock at their start). */
    public TransactionTemplate transactions() {
        return new TransactionTemplate(transactionManager);
    }

    /**
     * Drops the pooled connections (those in use go when returned): after an outage a pooled
     * connection may be broken in ways the pool cannot see.
     */
    public void evictConnections() {
        if (dataSource instanceof HikariDataSource hikari && hikari.getHikariPoolMXBean() != null) {
            hikari.getHikariPoolMXBean().softEvictConnections();
        }
    }

    @Override
    public void close() {
        try {
            closer.close();
        } catch (Exception e) {
            throw new StoreException("cannot close the Rigshift store: " + e.getMessage(), e);
        }
    }
}
