package dev.asyncdsl.examples.spring;

import java.util.List;

/**
 * The answer of {@code GET /forecast}.
 *
 * @param requestId the request's id, as its log lines carry it
 * @param readings one reading per region, in the order of {@link RegionalForecasts#REGIONS}
 */
public record Forecast(String requestId, List<Reading> readings) {}
