package io.rigshift.runner.api;

import io.rigshift.runner.store.Store;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * API tokens in the store. A token reads {@code rs_<id>_<secret>}: the id finds its row, the secret
 * is checked against a BCrypt hash (the only form in which it is kept). A token is printed once, at
 * creation. Checking one reads its row every time (a revocation or expiry counts at once); the
 * BCrypt comparison itself is remembered for a verified token, so requests do not pay it each time.
 */
public final class ApiTokens {

    private static final Pattern TOKEN = Pattern.compile("rs_([a-z0-9]{12})_([A-Za-z0-9_-]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS = "id, tenant, host, label, created_ms, expires_ms, revoked_ms";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(10);
    private final ConcurrentMap<String, String> verified = new ConcurrentHashMap<>();

    public ApiTokens(Store store, Clock clock) {
        this.jdbc = store.jdbc();
        this.clock = clock;
    }

    /** A new token and its secret text, which is shown to the user once and never stored. */
    public record Created(ApiToken token, String secret) {
    }

    /** Creates a tenant's token ({@code tenant} non-null) or a host token; {@code validFor} null: no expiry. */
    public Created create(String tenant, boolean host, String label, Duration validFor) {
        String id = randomId();
        byte[] secretBytes = new byte[32];
        RANDOM.nextBytes(secretBytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        long now = clock.millis();
        Long expires = validFor == null ? null : now + validFor.toMillis();
        jdbc.update("INSERT INTO api_token (id, tenant, host, secret_hash, label, created_ms, expires_ms) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)", id, host ? null : tenant, host, encoder.encode(secret), label, now,
                expires);
        return new Created(new ApiToken(id, host ? null : tenant, host, label, now, expires, null),
                "rs_" + id + "_" + secret);
    }

    /** All tokens, newest first (without secrets). */
    public List<ApiToken> list() {
        return jdbc.query("SELECT " + COLUMNS + " FROM api_token ORDER BY created_ms DESC, id", (rs, row) -> token(rs));
    }

    /** Revokes a token by id; false when there is none or it was already revoked. */
    public boolean revoke(String id) {
        verified.remove(id);
        return jdbc.update("UPDATE api_token SET revoked_ms = ? WHERE id = ? AND revoked_ms IS NULL", clock.millis(),
                id) == 1;
    }

    /** The usable token a presented string is, if any (wrong, unknown, revoked and expired: empty). */
    public Optional<ApiToken> authenticate(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        Matcher matcher = TOKEN.matcher(presented.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String id = matcher.group(1);
        String secret = matcher.group(2);
        record Row(ApiToken token, String hash) {
        }
        Optional<Row> row = jdbc.query("SELECT " + COLUMNS + ", secret_hash FROM api_token WHERE id = ?",
                (rs, n) -> new Row(token(rs), rs.getString("secret_hash")), id).stream().findFirst();
        if (row.isEmpty() || !row.get().token().usableAt(clock.millis())) {
            return Optional.empty();
        }
        String digest = sha256(secret + "/" + row.get().hash());
        if (!digest.equals(verified.get(id))) {
            if (!encoder.matches(secret, row.get().hash())) {
                return Optional.empty();
            }
            verified.put(id, digest);
        }
        return Optional.of(row.get().token());
    }

    private static ApiToken token(java.sql.ResultSet rs) throws java.sql.SQLException {
        long expires = rs.getLong("expires_ms");
        Long expiresMs = rs.wasNull() ? null : expires;
        long revoked = rs.getLong("revoked_ms");
        Long revokedMs = rs.wasNull() ? null : revoked;
        return new ApiToken(rs.getString("id"), rs.getString("tenant"), rs.getBoolean("host"), rs.getString("label"),
                rs.getLong("created_ms"), expiresMs, revokedMs);
    }

    private static String randomId() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder id = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            id.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return id.toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
