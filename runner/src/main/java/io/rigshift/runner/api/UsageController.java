package io.rigshift.runner.api;

import io.rigshift.runner.metering.UsageLedger;
import io.rigshift.runner.metering.cli.MeteringArguments;
import io.rigshift.runner.metering.rates.RateCard;
import io.rigshift.runner.metering.rates.RateCardStore;
import io.rigshift.runner.metering.report.UsageFormat;
import io.rigshift.runner.metering.report.UsageGrouping;
import io.rigshift.runner.metering.report.UsageReport;
import io.rigshift.runner.metering.report.UsageReportWriter;
import io.rigshift.runner.metering.report.UsageSlice;
import io.rigshift.runner.metering.report.UsageSliceQuery;
import io.rigshift.runner.metering.report.UsageWindow;
import io.rigshift.runner.store.Store;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Usage over the API, in the JSON shape of {@code rigshift usage --format json}. A tenant's token
 * gets its own usage only, whatever it asks for.
 */
@RestController
class UsageController {

    private final Store store;

    UsageController(Store store) {
        this.store = store;
    }

    @GetMapping(value = "/api/v1/usage", produces = MediaType.APPLICATION_JSON_VALUE)
    String usage(@RequestAttribute(TokenFilter.CALLER) Caller caller, @RequestParam(required = false) String tenant,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "tenant") String by) {
        UsageGrouping grouping = Arrays.stream(UsageGrouping.values()).filter(g -> g.name().equals(by)).findFirst()
                .orElseThrow(() -> new ApiErrors.BadRequest("'by' must be one of " + Arrays.toString(UsageGrouping.values())
                        + ", was '" + by + "'"));
        if (!caller.isHost() && tenant != null && !tenant.equals(caller.tenant())) {
            throw new ApiErrors.NotFound("no tenant " + tenant);
        }
        Optional<String> filter = caller.isHost() ? Optional.ofNullable(tenant) : Optional.of(caller.tenant());
        UsageWindow window = MeteringArguments.window(Optional.ofNullable(from), Optional.ofNullable(to));
        Clock clock = Clock.systemUTC();
        new UsageLedger(store, clock).closeStale();
        long now = clock.millis();
        RateCard card = new RateCardStore(store).load();
        UsageSliceQuery query = new UsageSliceQuery(store.dataSource());
        List<UsageSlice> usage = grouping == UsageGrouping.day ? query.daily(window, filter, grouping.dimensions(), now)
                : query.byPeriod(window, filter, grouping.dimensions(), now, card.changeDays());
        StringWriter json = new StringWriter();
        try (PrintWriter out = new PrintWriter(json)) {
            UsageReportWriter.write(UsageReport.of(window, grouping, usage, card, query.notesFor(filter, usage.isEmpty())),
                    UsageFormat.json, now, out);
        }
        return json.toString();
    }
}
