package dev.asyncdsl.spring.boot;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The circuits' health on Boot 3's health API ({@code org.springframework.boot.actuate.health}).
 */
final class Boot3CircuitHealthIndicator implements HealthIndicator {
  private final boolean downWhenOpen;

  Boot3CircuitHealthIndicator(boolean downWhenOpen) {
    this.downWhenOpen = downWhenOpen;
  }

  @Override
  public Health health() {
    CircuitReport report = CircuitReport.now(downWhenOpen);
    return (report.down() ? Health.down() : Health.up()).withDetails(report.details()).build();
  }
}
