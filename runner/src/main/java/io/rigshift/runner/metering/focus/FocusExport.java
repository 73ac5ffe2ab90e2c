package io.rigshift.runner.metering.focus;

import io.rigshift.runner.metering.BillingFigures;
import io.rigshift.runner.metering.billing.Charge;
import io.rigshift.runner.metering.billing.Charges;
import io.rigshift.runner.metering.rates.Rate;
import io.rigshift.runner.metering.report.UsageDimension;
import io.rigshift.runner.metering.report.UsageWindow;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes charges as FinOps FOCUS (1.1) cost and usage data: one CSV row per {@link Charge}, so a
 * month's rows carry exactly the amounts of that month's invoices. Datetimes are UTC,
 * {@code YYYY-MM-DDTHH:mm:ssZ}, with exclusive period ends; decimals are plain (no exponent, no
 * grouping); absent values are empty (null). Output depends only on the charges, in their fixed
 * order: re-exporting a closed period gives the same bytes.
 *
 * <p>Mapping: the tenant is both the billing account and the sub account (each tenant is invoiced on
 * its own); SkuId is the device model; SkuPriceId the rate ({@code model@from-date}); the resource is
 * the job execution. BilledCost, EffectiveCost, ListCost and ContractedCost are the charge's rounded
 * amount (there are no discounts). PricingQuantity is exact device-hours written to 9 decimals, so
 * {@code ListUnitPrice × PricingQuantity} equals ListCost only up to that rounding: the exact quantity,
 * integer device-milliseconds, is in the custom column {@code x_DeviceMilliseconds}.
 */
public final class FocusExport {

    /** The columns, in order. Custom columns carry FOCUS's {@code x_} prefix. */
    public static final List<String> COLUMNS = List.of("BilledCost", "BillingAccountId", "BillingAccountName",
            "BillingCurrency", "BillingPeriodEnd", "BillingPeriodStart", "ChargeCategory", "ChargeClass",
            "ChargeDescription", "ChargeFrequency", "ChargePeriodEnd", "ChargePeriodStart", "ConsumedQuantity",
            "ConsumedUnit", "ContractedCost", "ContractedUnitPrice", "EffectiveCost", "InvoiceIssuerName", "ListCost",
            "ListUnitPrice", "PricingCategory", "PricingQuantity", "PricingUnit", "ProviderName", "PublisherName",
            "RegionId", "RegionName", "ResourceId", "ResourceName", "ResourceType", "ServiceCategory", "ServiceName",
            "SkuId", "SkuPriceId", "SubAccountId", "SubAccountName", "x_DeviceMilliseconds", "x_Running");

    /** The ledger dimensions the export needs. */
    public static final Set<UsageDimension> DIMENSIONS = Charges.DIMENSIONS;

    /** Who provides, publishes and invoices the service. */
    public static final String PROVIDER = "Rigshift";

    public static final String SERVICE_NAME = "Rigshift GPU Pool";

    private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build();

    private FocusExport() {
    }

    /**
     * Writes the header and one row per charge. {@code nowMs} decides {@code x_Running}: true only for a
     * charge with still-open usage whose period has not ended, so a closed period never changes.
     */
    public static void write(List<Charge> charges, Currency currency, long nowMs, PrintWriter out) {
        try {
            CSVPrinter csv = new CSVPrinter(out, CSV);
            csv.printRecord(COLUMNS);
            for (Charge charge : charges) {
                csv.printRecord(row(charge, currency, nowMs));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // CSVPrinter holds no buffer of its own: flushing out delivers every row.
        out.flush();
    }

    private static List<Object> row(Charge charge, Currency currency, long nowMs) {
        String amount = BillingFigures.money(charge.amount(currency));
        String price = BillingFigures.unitPrice(charge.unitPrice(), currency);
        String quantity = BillingFigures.deviceHours(charge.deviceMs(), BillingFigures.EXPORT_DEVICE_HOUR_DECIMALS);
        String unit = charge.deviceModel().equals("cpu") ? "CPU-Hours" : "GPU-Hours";
        UsageWindow billingPeriod = UsageWindow.ofMonth(charge.month());
        String resourceId = charge.jobExecutionId() == null ? "tenant/" + charge.tenant() + "/unattached-runs"
                : "job-execution/" + charge.jobExecutionId();
        String resourceName = charge.jobExecutionId() == null ? "runs without a job execution"
                : "job execution " + charge.jobExecutionId();
        String description = charge.deviceModel() + " device time of " + resourceName + " at " + price + " "
                + currency.getCurrencyCode() + " per device-hour" + (charge.rate().isEmpty() ? " (no rate set)" : "");
        List<Object> row = new ArrayList<>(COLUMNS.size());
        row.add(amount);                                            // BilledCost
        row.add(charge.tenant());                                   // BillingAccountId
        row.add(charge.tenant());                                   // BillingAccountName
        row.add(currency.getCurrencyCode());                        // BillingCurrency
        row.add(BillingFigures.utc(billingPeriod.toMs()));          // BillingPeriodEnd
        row.add(BillingFigures.utc(billingPeriod.fromMs()));        // BillingPeriodStart
        row.add("Usage");                                           // ChargeCategory
        row.add(null);                                              // ChargeClass (not a correction)
        row.add(description);                                       // ChargeDescription
        row.add("Usage-Based");                                     // ChargeFrequency
        row.add(BillingFigures.utc(charge.periodEndMs()));          // ChargePeriodEnd
        row.add(BillingFigures.utc(charge.periodStartMs()));        // ChargePeriodStart
        row.add(quantity);                                          // ConsumedQuantity
        row.add(unit);                                              // ConsumedUnit
        row.add(amount);                                            // ContractedCost
        row.add(price);                                             // ContractedUnitPrice
        row.add(amount);                                            // EffectiveCost
        row.add(PROVIDER);                                          // InvoiceIssuerName
        row.add(amount);                                            // ListCost
        row.add(price);                                             // ListUnitPrice
        row.add("Standard");                                        // PricingCategory
        row.add(quantity);                                          // PricingQuantity
        row.add(unit);                                              // PricingUnit
        row.add(PROVIDER);                                          // ProviderName
        row.add(PROVIDER);                                          // PublisherName
        row.add(null);                                              // RegionId
        row.add(null);                                              // RegionName
        row.add(resourceId);                                        // ResourceId
        row.add(resourceName);                                      // ResourceName
        row.add("Training Job");                                    // ResourceType
        row.add("Compute");                                         // ServiceCategory
        row.add(SERVICE_NAME);                                      // ServiceName
        row.add(charge.deviceModel());                              // SkuId
        row.add(charge.rate().map(Rate::priceId).orElse(charge.deviceModel() + "@unpriced")); // SkuPriceId
        row.add(charge.tenant());                                   // SubAccountId
        row.add(charge.tenant());                                   // SubAccountName
        row.add(charge.deviceMs());                                 // x_DeviceMilliseconds
        row.add(charge.open() && charge.periodEndMs() > nowMs);     // x_Running
        return row;
    }
}
