package io.rigshift.runner.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
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
    void sqliteStoreMigratesOnceAndReopensWithoutMigrating() {
        try (Store store = Store.open(new RigshiftHome(home), Optional.empty())) {
            assertEquals(StorePlatform.SQLITE, store.platform());
            assertEquals("wal", store.jdbc().queryForObject("PRAGMA journal_mode", String.class));
        }
        try (Store store = Store.open(new RigshiftHome(home), Optional.empty())) {
            Integer applied = store.jdbc().queryForObject(
                    "SELECT COUNT(*) FROM rigshift_schema_history WHERE success = true", Integer.class);
            assertTrue(applied >= 2, "applied migrations: " + applied);
            assertEquals(0, store.jdbc().queryForObject("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE", Integer.class));
        }
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
