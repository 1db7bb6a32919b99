package dev.asyncdsl.spring.boot;

import dev.asyncdsl.PolicyConfigException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a start-up failed by bad fault-tolerance keys: one line per key, with what to do. */
final class PolicyConfigFailureAnalyzer extends AbstractFailureAnalyzer<PolicyConfigException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, PolicyConfigException cause) {
    StringBuilder description = new StringBuilder();
    description
        .append("The fault-tolerance configuration has ")
        .append(cause.problems().size())
        .append(" bad key(s):\n");
    for (PolicyConfigException.Problem problem : cause.problems()) {
      description.append("\n    ").append(problem);
    }
    String action =
        "Correct or remove these keys where they are set (application.properties or .yml, a"
            + " profile, a system property, an environment variable). Each key names a class, one"
            + " of its @Async methods, a policy it carries and a member of that policy; see"
            + " docs/configuration.md for every key.";
    return new FailureAnalysis(description.toString(), action, cause);
  }
}
