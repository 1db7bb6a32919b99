package dev.asyncdsl.spring.boot;

import dev.asyncdsl.PolicyConfig;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Runs {@link PolicyConfig#check} over the twins of the context's beans once its singletons are
 * made, so that a bad key fails the start-up ({@link PolicyConfigFailureAnalyzer} explains it) and
 * not the first call.
 */
final class PolicyStartupCheck implements SmartInitializingSingleton {
  private final TwinRegistrar.TwinCatalog catalog;

  PolicyStartupCheck(TwinRegistrar.TwinCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public void afterSingletonsInstantiated() {
    PolicyConfig.check(catalog.twinClasses());
  }
}
