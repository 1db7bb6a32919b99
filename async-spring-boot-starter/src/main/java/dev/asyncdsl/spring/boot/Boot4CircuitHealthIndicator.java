package dev.asyncdsl.spring.boot;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The circuits' health on Boot 4's health API ({@code org.springframework.boot.health.contributor},
 * module spring-boot-health).
 */
final class Boot4CircuitHealthIndicator implements HealthIndicator {
  private final boolean downWhenOpen;

  Boot4CircuitHealthIndicator(boolean downWhenOpen) {
    this.downWhenOpen = downWhenOpen;
  }

  @Override
  public Health health() {
    CircuitReport report = CircuitReport.now(downWhenOpen);
    return (report.down() ? Health.down() : Health.up()).withDetails(report.details()).build();
  }
}
