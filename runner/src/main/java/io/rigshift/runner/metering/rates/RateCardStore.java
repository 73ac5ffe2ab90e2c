package io.rigshift.runner.metering.rates;

import io.rigshift.runner.store.Store;
import io.rigshift.runner.store.StorePlatform;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads and extends the rate card kept in the store ({@code rate_card_entry}). */
public final class RateCardStore {

    private final Store store;
    private final JdbcTemplate jdbc;

    public RateCardStore(Store store) {
        this.store = store;
        this.jdbc = store.jdbc();
    }

    /** The whole rate card as it is now. */
    public RateCard load() {
        return new RateCard(loadRates(jdbc));
    }

    /**
     * Adds a rate, refusing one that overlaps an existing rate of the same model (both named) or that
     * is in a different currency from the card's: a pool bills in one currency.
     */
    public void add(Rate rate) {
        store.transactions().executeWithoutResult(tx -> {
            if (store.platform() == StorePlatform.POSTGRESQL) {
                // Two hosts adding rates at once must see each other's (SQLite's IMMEDIATE transaction already does).
                jdbc.execute("LOCK TABLE rate_card_entry IN SHARE ROW EXCLUSIVE MODE");
            }
            RateCard card = new RateCard(loadRates(jdbc));
            Optional<Rate> overlap = card.overlapWith(rate);
            if (overlap.isPresent()) {
                throw new RateConflictException("rate " + rate.describe() + " overlaps the existing rate "
                        + overlap.get().describe() + ": give another --from, or end the earlier rate with --to");
            }
            if (!card.rates().isEmpty() && !card.currency().equals(rate.currency())) {
                throw new RateConflictException("currency " + rate.currency().getCurrencyCode()
                        + " differs from the rate card's currency " + card.currency().getCurrencyCode()
                        + ": a pool bills in one currency");
            }
            jdbc.update("INSERT INTO rate_card_entry (device_model, from_day, to_day, per_device_hour, currency) "
                    + "VALUES (?, ?, ?, ?, ?)", rate.deviceModel(), rate.from().toString(),
                    rate.to().map(LocalDate::toString).orElse(null), rate.perDeviceHour().toPlainString(),
                    rate.currency().getCurrencyCode());
        });
    }

    private static List<Rate> loadRates(JdbcTemplate jdbc) {
        return jdbc.query("SELECT device_model, from_day, to_day, per_device_hour, currency FROM rate_card_entry "
                + "ORDER BY device_model, from_day", (rs, row) -> new Rate(rs.getString("device_model"),
                        new BigDecimal(rs.getString("per_device_hour")), Currency.getInstance(rs.getString("currency")),
                        LocalDate.parse(rs.getString("from_day")),
                        Optional.ofNullable(rs.getString("to_day")).map(LocalDate::parse)));
    }
}
