package io.rigshift.runner.api;

import io.rigshift.runner.store.Store;
import java.time.Clock;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /metrics}: Prometheus' text format, open to the host's scraper (no tenant token). */
@RestController
class MetricsController {

    private final StoreMetrics metrics;

    MetricsController(Store store) {
        this.metrics = new StoreMetrics(store, Clock.systemUTC());
    }

    @GetMapping(value = "/metrics", produces = "text/plain; version=0.0.4; charset=utf-8")
    String metrics() {
        return metrics.scrape();
    }
}
