package io.rigshift.runner.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates every {@code /api/} request by its {@code Authorization: Bearer <token>}: no token,
 * a wrong, revoked or expired one is 401 with a JSON error; the caller goes into the request for
 * the controllers. Failed attempts are limited per client address ({@value #MAX_FAILURES} a minute,
 * then 429), so secrets cannot be guessed at speed.
 */
final class TokenFilter extends OncePerRequestFilter {

    static final String CALLER = "io.rigshift.runner.api.Caller";
    static final int MAX_FAILURES = 20;
    private static final long WINDOW_MS = 60_000;
    private static final Logger LOG = LoggerFactory.getLogger(TokenFilter.class);

    private final ApiTokens tokens;
    private final Clock clock;
    private final ConcurrentMap<String, long[]> failures = new ConcurrentHashMap<>();

    TokenFilter(ApiTokens tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String client = request.getRemoteAddr();
        long now = clock.millis();
        long[] window = failures.get(client);
        if (window != null && now - window[0] < WINDOW_MS && window[1] >= MAX_FAILURES) {
            response.setHeader("Retry-After", Long.toString((WINDOW_MS - (now - window[0])) / 1000 + 1));
            ApiErrors.write(response, 429, "too many failed authentications from " + client + "; try again later");
            return;
        }
        String header = request.getHeader("Authorization");
        Optional<ApiToken> token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? tokens.authenticate(header.substring(7)) : Optional.empty();
        if (token.isEmpty()) {
            failures.compute(client, (k, w) -> w == null || now - w[0] >= WINDOW_MS ? new long[] {now, 1}
                    : new long[] {w[0], w[1] + 1});
            LOG.info("refused {} {} from {}: {}", request.getMethod(), request.getRequestURI(), client,
                    header == null ? "no token" : "bad, revoked or expired token");
            response.setHeader("WWW-Authenticate", "Bearer");
            ApiErrors.write(response, 401, header == null
                    ? "authentication required: send Authorization: Bearer <token> (rigshift token create)"
                    : "the token is not valid (unknown, revoked or expired)");
            return;
        }
        request.setAttribute(CALLER, token.get().caller());
        chain.doFilter(request, response);
    }
}
