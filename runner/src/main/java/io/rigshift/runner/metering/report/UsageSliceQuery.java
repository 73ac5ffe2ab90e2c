package io.rigshift.runner.metering.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.LongUnaryOperator;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the ledger as {@link UsageSlice}s: every record clamped to the window (open records end at
 * now) and split at boundaries, either every UTC midnight ({@link #daily}) or given days such as
 * rate changes ({@link #byPeriod}), so that no millisecond lands in two slices.
 *
 * <p>The database does the heavy part in one aggregate query, the same SQL on SQLite and
 * PostgreSQL: it clamps each record, and groups records by the stretch their clamped start falls in
 * and the stretch their clamped end falls in, summing device counts and the device-weighted offsets
 * of start and end from the start of their stretches. Those sums alone split every group exactly in
 * Java: with {@code W = Σ devices}, {@code A = Σ devices × startOffset}, {@code B = Σ devices ×
 * endOffset}, a group within one stretch holds {@code B − A}; otherwise its first stretch holds
 * {@code W × length − A}, each stretch between holds {@code W × length}, its last holds {@code B}.
 * All in exact long arithmetic; offsets are bounded by a stretch (at most a year, as year starts are
 * always boundaries of a read by period), so the sums cannot overflow below some 30 million rows.
 */
public final class UsageSliceQuery {

    static final long DAY_MS = 86_400_000L;

    private final JdbcTemplate jdbc;

    public UsageSliceQuery(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /**
     * The usage inside {@code window} of one tenant (or all), grouped by {@code dimensions}, model and
     * UTC day, in a stable order. {@code nowMs} ends the records still open.
     */
    public List<UsageSlice> daily(UsageWindow window, Optional<String> tenant, Set<UsageDimension> dimensions,
            long nowMs) {
        return read(window, tenant, dimensions, nowMs, x -> x + " / " + DAY_MS, x -> "(" + x + " / " + DAY_MS
                + ") * " + DAY_MS, index -> index * DAY_MS, index -> DAY_MS);
    }

    /**
     * Like {@link #daily}, but split only at UTC midnight of the given days (say, the rate card's
     * changes) and of every January 1st: fewer, longer slices, for reports that need no days. Each
     * slice's {@code day} is the first day of its stretch.
     */
    public List<UsageSlice> byPeriod(UsageWindow window, Optional<String> tenant, Set<UsageDimension> dimensions,
            long nowMs, Collection<LocalDate> boundaryDays) {
        Long firstStart = tenant.isPresent()
                ? jdbc.queryForObject("SELECT MIN(start_ms) FROM usage_record WHERE tenant = ?", Long.class, tenant.get())
                : jdbc.queryForObject("SELECT MIN(start_ms) FROM usage_record", Long.class);
        if (firstStart == null) {
            return List.of();
        }
        long anchor = Math.max(window.fromMs(), Math.floorDiv(firstStart, DAY_MS) * DAY_MS);
        if (anchor >= window.toMs()) {
            return List.of(); // the window ends before the first record starts
        }
        long lastStart = Math.max(nowMs, anchor);
        TreeSet<Long> cuts = new TreeSet<>();
        for (LocalDate day : boundaryDays) {
            cuts.add(UsageWindow.midnight(day));
        }
        LocalDate firstYear = LocalDate.ofEpochDay(anchor / DAY_MS).withDayOfYear(1);
        for (LocalDate year = firstYear.plusYears(1); UsageWindow.midnight(year) <= lastStart; year = year.plusYears(1)) {
            cuts.add(UsageWindow.midnight(year));
        }
        List<Long> starts = new ArrayList<>();
        starts.add(anchor);
        cuts.subSet(anchor, false, window.toMs(), false).forEach(starts::add);
        long[] start = starts.stream().mapToLong(Long::longValue).toArray();
        Function<String, String> index = x -> chain(x, start, i -> Long.toString(i));
        Function<String, String> startOf = x -> chain(x, start, i -> Long.toString(start[i]));
        return read(window, tenant, dimensions, nowMs, index, startOf, i -> start[(int) i],
                i -> start[(int) i + 1] - start[(int) i]);
    }

    /** {@code CASE WHEN x < start[1] THEN value(0) WHEN x < start[2] THEN value(1) ... ELSE value(k) END}. */
    private static String chain(String x, long[] start, IntFunction<String> value) {
        if (start.length == 1) {
            return value.apply(0);
        }
        StringBuilder sql = new StringBuilder("CASE");
        for (int i = 1; i < start.length; i++) {
            sql.append(" WHEN ").append(x).append(" < ").append(start[i]).append(" THEN ").append(value.apply(i - 1));
        }
        return sql.append(" ELSE ").append(value.apply(start.length - 1)).append(" END").toString();
    }

    private List<UsageSlice> read(UsageWindow window, Optional<String> tenant, Set<UsageDimension> dimensions,
            long nowMs, Function<String, String> indexSql, Function<String, String> startSql,
            LongUnaryOperator startOf, LongUnaryOperator lengthOf) {
        List<UsageDimension> dims = List.copyOf(dimensions.isEmpty()
                ? EnumSet.noneOf(UsageDimension.class) : EnumSet.copyOf(dimensions));
        String keys = dims.stream().map(d -> d.column() + ", ").reduce("", String::concat);
        long from = window.fromMs();
        long to = window.toMs();
        String endOrNow = "COALESCE(end_ms, " + nowMs + ")";
        String selected = dims.stream().map(d -> d.selected() + ", ").reduce("", String::concat);
        String clamped = "SELECT " + selected + "device_model, device_count, "
                + "CASE WHEN start_ms > " + from + " THEN start_ms ELSE " + from + " END AS cs, "
                + "CASE WHEN " + endOrNow + " < " + to + " THEN " + endOrNow + " ELSE " + to + " END AS ce, "
                + "CASE WHEN end_ms IS NULL THEN 1 ELSE 0 END AS open_flag "
                + "FROM usage_record WHERE start_ms < " + to + " AND " + endOrNow + " > " + from
                + " AND " + endOrNow + " > start_ms" + (tenant.isPresent() ? " AND tenant = ?" : "");
        String split = "SELECT " + keys + "device_model, device_count, open_flag, "
                + indexSql.apply("cs") + " AS s_idx, cs - " + startSql.apply("cs") + " AS s_off, "
                + indexSql.apply("(ce - 1)") + " AS e_idx, ce - " + startSql.apply("(ce - 1)") + " AS e_off "
                + "FROM (" + clamped + ") c";
        String sql = "SELECT " + keys + "device_model, s_idx, e_idx, SUM(device_count) AS w, "
                + "SUM(device_count * s_off) AS sa, SUM(device_count * e_off) AS sb, SUM(open_flag) AS open_count "
                + "FROM (" + split + ") d GROUP BY " + keys + "device_model, s_idx, e_idx";

        Map<Key, long[]> slices = new HashMap<>();
        Object[] args = tenant.map(t -> new Object[] {t}).orElse(new Object[0]);
        jdbc.query(sql, rs -> {
            Key group = key(rs, dims);
            long first = rs.getLong("s_idx");
            long last = rs.getLong("e_idx");
            long devices = rs.getLong("w");
            long startOffsets = rs.getLong("sa");
            long endOffsets = rs.getLong("sb");
            long open = rs.getLong("open_count") > 0 ? 1 : 0;
            if (first == last) {
                add(slices, group.at(startOf.applyAsLong(first)), endOffsets - startOffsets, open);
                return;
            }
            add(slices, group.at(startOf.applyAsLong(first)), devices * lengthOf.applyAsLong(first) - startOffsets, open);
            for (long i = first + 1; i < last; i++) {
                add(slices, group.at(startOf.applyAsLong(i)), devices * lengthOf.applyAsLong(i), open);
            }
            add(slices, group.at(startOf.applyAsLong(last)), endOffsets, open);
        }, args);

        List<UsageSlice> usage = new ArrayList<>(slices.size());
        slices.forEach((k, v) -> usage.add(new UsageSlice(k.tenant, k.job, k.node, k.model,
                LocalDate.ofEpochDay(Math.floorDiv(k.startMs, DAY_MS)), v[0], v[1] > 0)));
        usage.sort(ORDER);
        return usage;
    }

    /** Whether the ledger holds any record of {@code tenant}, at any time. */
    public boolean knowsTenant(String tenant) {
        return !jdbc.queryForList("SELECT 1 FROM usage_record WHERE tenant = ? LIMIT 1", Integer.class, tenant)
                .isEmpty();
    }

    /** The notes a report for {@code tenant} carries when it is empty: unknown tenant, or nothing in the window. */
    public List<String> notesFor(Optional<String> tenant, boolean empty) {
        if (tenant.isEmpty() || !empty) {
            return List.of();
        }
        return List.of(knowsTenant(tenant.get()) ? "no usage by tenant '" + tenant.get() + "' in this period"
                : "no usage recorded for tenant '" + tenant.get() + "' (unknown tenant)");
    }

    private static final Comparator<UsageSlice> ORDER = Comparator
            .comparing(UsageSlice::tenant, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
            .thenComparing(UsageSlice::jobExecutionId, Comparator.nullsFirst(Comparator.<Long>naturalOrder()))
            .thenComparing(UsageSlice::node, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
            .thenComparing(UsageSlice::deviceModel)
            .thenComparing(UsageSlice::day);

    private static void add(Map<Key, long[]> days, Key key, long deviceMs, long open) {
        long[] sums = days.computeIfAbsent(key, k -> new long[2]);
        sums[0] += deviceMs;
        sums[1] |= open;
    }

    private static Key key(ResultSet rs, List<UsageDimension> dims) throws SQLException {
        String tenant = dims.contains(UsageDimension.TENANT) ? rs.getString("tenant") : null;
        Long job = null;
        if (dims.contains(UsageDimension.JOB)) {
            long value = rs.getLong("job_execution_id");
            job = rs.wasNull() ? null : value;
        }
        String node = dims.contains(UsageDimension.NODE) ? rs.getString("node") : null;
        return new Key(tenant, job, node, rs.getString("device_model"), 0);
    }

    private record Key(String tenant, Long job, String node, String model, long startMs) {
        Key at(long sliceStartMs) {
            return new Key(tenant, job, node, model, sliceStartMs);
        }
    }
}
