/**
 * Metering: GPU (and CPU) time recorded per lease in an exact ledger, priced by an effective-dated
 * rate card, reported, invoiced and exported as FinOps FOCUS data. We meter allocation, not
 * utilisation.
 *
 * <h2>Wiring (for the train command and the pool)</h2>
 * <pre>{@code
 * UsageLedger ledger = new UsageLedger(store, clock);
 * long record = ledger.open(UsageStart.lease(tenant, jobExecutionId, leaseId, node, gpuModel, devices, grantedAtMs));
 * //   or ledger.open(UsageStart.cpu(tenant, jobExecutionId, node, startMs)) for a CPU run
 * ledger.heartbeat(record);                      // every checkpoint and at least every 30 s; false = closed for you
 * ledger.close(record, UsageOutcome.COMPLETED);  // or FAILED / STOPPED; exactly once, later calls return false
 * ledger.closeAtLastHeartbeat(record, UsageOutcome.FAILED); // recovering a crashed holder's record
 * ledger.closeReclaimedLease(leaseId);           // the pool's reclaim hook; ends at the last heartbeat
 * }</pre>
 * Dead holders: each record stores its owner's host and pid; {@link io.rigshift.runner.metering.UsageLedger#closeStale()}
 * closes (at the last heartbeat, outcome failed) records silent for 5 minutes and, at once, records of
 * processes on this host that no longer exist. The usage, invoice and host commands call it first.
 *
 * <h2>Exactness and the one rounding point</h2>
 * Time is integer epoch milliseconds; usage is device-milliseconds (long). A cost is kept exact as
 * {@code rate × device-ms} ({@link io.rigshift.runner.metering.ExactCost}) and divided by 3,600,000 only
 * when rounded. Money is rounded at exactly one point: each {@link io.rigshift.runner.metering.billing.Charge}
 * (tenant × month × model × job × rate), HALF_EVEN to the currency's minor unit. An invoice total is the
 * sum of its rounded lines, and FOCUS BilledCost rows are the same charges, so what tenants are billed
 * adds up to the cent to the ledger's charges. Usage reports show exact sums rounded for display only.
 * Rates change only at UTC midnight; usage is split at every rate change and, for daily buckets, at
 * every midnight, with no millisecond counted twice.
 *
 * <h2>Benchmark</h2>
 * <pre>
 * mvn -q -B -o -pl runner test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp
 * java -cp runner/target/test-classes:runner/target/classes:$(cat runner/target/bench.cp) \
 *     io.rigshift.runner.metering.UsageBenchmark 1000000 SQLITE POSTGRESQL
 * </pre>
 * It loads the rows into a temporary SQLite home and a fresh PostgreSQL schema (127.0.0.1:5432/test),
 * times {@code usage --by tenant} and {@code --by day} over all rows three times each, one tenant's
 * invoice query, and 2,000 heartbeats.
 */
package io.rigshift.runner.metering;
