package io.rigshift.runner.cli;

import io.rigshift.jobs.api.output.JsonOutput;
import io.rigshift.jobs.api.output.OutputFormat;
import io.rigshift.jobs.api.output.TextTable;
import io.rigshift.runner.api.ApiToken;
import io.rigshift.runner.api.ApiTokens;
import io.rigshift.runner.store.Store;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rigshift token create|list|revoke}: API tokens for tenants and the host. */
@Command(name = "token", description = "API tokens: a tenant's token sees only its own jobs and usage; a host token "
        + "sees everything.", subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class,
            TokenCommand.Revoke.class})
public class TokenCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "missing command: expected one of " + String.join(", ", spec.subcommands().keySet()));
    }

    /** {@code token create}. */
    @Command(name = "create", description = "Creates a token and prints it once; only its hash is stored.")
    static class Create implements Callable<Integer> {

        private static final Pattern DURATION = Pattern.compile("([1-9][0-9]{0,5})([dhm])");

        @Mixin
        HomeOptions homeOptions;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Scope scope;

        static class Scope {
            @Option(names = "--tenant", paramLabel = "TENANT", description = "The tenant the token speaks for.")
            String tenant;

            @Option(names = "--host", description = "A host token: sees and manages everything.")
            boolean host;
        }

        @Option(names = "--expires", paramLabel = "DURATION", description = "Valid for, e.g. 30d, 12h, 90m (default: never expires).")
        String expires;

        @Option(names = "--label", paramLabel = "TEXT", description = "What it is for (shown by 'token list').")
        String label;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (scope.tenant != null && !TrainCommand.TENANT.matcher(scope.tenant).matches()) {
                throw new UsageException("--tenant '" + scope.tenant + "' is not a valid tenant: expected 1-63 characters "
                        + "of a-z, 0-9 and '-', starting with a letter or digit");
            }
            Duration validFor = null;
            if (expires != null) {
                Matcher m = DURATION.matcher(expires);
                if (!m.matches()) {
                    throw new UsageException("--expires '" + expires + "' is not a duration: expected a number and d, h "
                            + "or m, e.g. 30d");
                }
                long n = Long.parseLong(m.group(1));
                validFor = switch (m.group(2)) {
                    case "d" -> Duration.ofDays(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofMinutes(n);
                };
            }
            if (label != null && label.length() > 255) {
                throw new UsageException("--label is " + label.length() + " characters long; at most 255 are allowed");
            }
            ApiTokens.Created created;
            try (Store store = homeOptions.openStore()) {
                created = new ApiTokens(store, Clock.systemUTC()).create(scope.tenant, scope.host, label, validFor);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(created.secret());
            spec.commandLine().getErr().println("rigshift: token " + created.token().id() + " for "
                    + (scope.host ? "the host" : "tenant " + scope.tenant)
                    + (validFor == null ? "" : ", expires " + Instant.ofEpochMilli(created.token().expiresMs()))
                    + ": shown once, store it now");
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** {@code token list}. */
    @Command(name = "list", description = "Lists tokens (never their secrets).")
    static class ListTokens implements Callable<Integer> {

        @Mixin
        HomeOptions homeOptions;

        @Option(names = "--format", defaultValue = OutputFormat.DEFAULT, paramLabel = OutputFormat.LABEL,
                description = OutputFormat.DESCRIPTION)
        OutputFormat format;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            List<ApiToken> tokens;
            try (Store store = homeOptions.openStore()) {
                tokens = new ApiTokens(store, Clock.systemUTC()).list();
            }
            PrintWriter out = spec.commandLine().getOut();
            if (format == OutputFormat.json) {
                JsonOutput.print(out, Map.of("tokens", tokens));
                return ExitCodes.OK;
            }
            long now = System.currentTimeMillis();
            TextTable table = new TextTable("ID", "SCOPE", "LABEL", "CREATED", "EXPIRES", "STATE");
            for (ApiToken t : tokens) {
                table.row(t.id(), t.host() ? "host" : "tenant " + t.tenant(), TextTable.orDash(t.label()),
                        Instant.ofEpochMilli(t.createdMs()).toString(),
                        t.expiresMs() == null ? "never" : Instant.ofEpochMilli(t.expiresMs()).toString(),
                        t.revokedMs() != null ? "revoked" : t.usableAt(now) ? "active" : "expired");
            }
            table.print(out);
            return ExitCodes.OK;
        }
    }

    /** {@code token revoke ID}. */
    @Command(name = "revoke", description = "Revokes a token at once.")
    static class Revoke implements Callable<Integer> {

        @Mixin
        HomeOptions homeOptions;

        @Parameters(index = "0", paramLabel = "ID", description = "The token's id, as 'token list' shows it.")
        String id;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            boolean revoked;
            try (Store store = homeOptions.openStore()) {
                revoked = new ApiTokens(store, Clock.systemUTC()).revoke(id);
            }
            if (!revoked) {
                throw new UsageException("no active token '" + id + "' (see 'rigshift token list')");
            }
            spec.commandLine().getOut().println("token " + id + " revoked");
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }
}
