package io.rigshift.runner.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rigshift.runner.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

class StoreTests {

    @TempDir
    Path home;

    @Test
    void latestMigrationConstantMatchesTheNewestMigrationFile() throws Exception {
        Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:db/migration/**/V*__*.sql");
        Pattern version = Pattern.compile("V(\\d+)__.*");
        int newest = Arrays.stream(files).map(Resource::getFilename).map(version::matcher).filter(Matcher::matches)
                .mapToInt(m -> Integer.parseInt(m.group(1))).max().orElseThrow();
        assertEquals(newest, Store.LATEST_MIGRATION, "raise Store.LATEST_MIGRATION with every new migration");
    }

    @Test
    void sqliteStoreMigratesOnceAndReopensWithoutMigrating() throws Exception {
        RigshiftHome rigshiftHome = new RigshiftHome(home);
        List<Map<String, Object>> history;
        try (Store store = Store.open(rigshiftHome, Optional.empty())) {
            assertEquals(StorePlatform.SQLITE, store.platform());
            assertEquals("wal", store.jdbc().queryForObject("PRAGMA journal_mode", String.class));
            history = migrationHistory(store);
        }
        // Every migration file of this build applied once, in order, and nothing else.
        assertEquals(migrationVersions(), history.stream().map(row -> String.valueOf(row.get("version")))
                .filter(v -> !"null".equals(v)).toList(), "migration history after the first open");
        byte[] fileAfterFirstOpen = Files.readAllBytes(rigshiftHome.database());

        try (Store store = Store.open(rigshiftHome, Optional.empty())) {
            assertEquals(history, migrationHistory(store), "a reopen must not add or change migration rows");
            assertEquals(0, store.jdbc().queryForObject("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE", Integer.class));
        }
        CliRun jobs = CliRun.of("jobs", "--home", home.toString());
        assertEquals(0, jobs.exitCode(), jobs.err());
        try (Store store = Store.open(rigshiftHome, Optional.empty())) {
            assertEquals(history, migrationHistory(store), "a jobs call must not migrate the store");
        }
        assertArrayEquals(fileAfterFirstOpen, Files.readAllBytes(rigshiftHome.database()),
                "reopening the store and listing jobs must leave the database file as it was");
    }

    /** Every row of the migration history, in order, with every column Flyway keeps. */
    private static List<Map<String, Object>> migrationHistory(Store store) {
        return store.jdbc().queryForList("SELECT * FROM rigshift_schema_history ORDER BY installed_rank");
    }

    /**
     * The versions of this build's SQLite migrations, ascending: the Spring Batch schema (a Java
     * migration) and the SQL files, read from the files themselves.
     */
    private static List<String> migrationVersions() throws Exception {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        Pattern version = Pattern.compile("V(\\d+)__.*");
        List<Integer> versions = new ArrayList<>();
        versions.add(Integer.parseInt(new SpringBatchSchema(StorePlatform.SQLITE).getVersion().getVersion()));
        for (String folder : List.of("common", "sqlite")) {
            for (Resource file : resolver.getResources("classpath*:db/migration/" + folder + "/V*__*")) {
                Matcher m = version.matcher(file.getFilename());
                if (m.matches()) {
                    versions.add(Integer.parseInt(m.group(1)));
                }
            }
        }
        return versions.stream().sorted().map(String::valueOf).toList();
    }

    @Test
    void postgresqlStoreHoldsTheSameSchema() throws Exception {
        try (PostgresTestSchema schema = PostgresTestSchema.create();
                Store store = Store.open(new RigshiftHome(home), Optional.of(schema.url()))) {
            assertEquals(StorePlatform.POSTGRESQL, store.platform());
            assertEquals(0, store.jdbc().queryForObject("SELECT COUNT(*) FROM batch_job_instance", Integer.class));
            assertEquals(0, store.jdbc().queryForObject("SELECT COUNT(*) FROM usage_record", Integer.class));
        }
    }

    @Test
    void unsupportedDatabaseUrlIsNamed() {
        StoreException refused = assertThrows(StoreException.class,
                () -> Store.open(new RigshiftHome(home), Optional.of("jdbc:h2:mem:x")));
        assertTrue(refused.getMessage().contains("jdbc:h2:mem:x"), refused.getMessage());
    }
}
