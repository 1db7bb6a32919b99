#!/usr/bin/env bash
# Runs every benchmark group of async-benchmarks and prints one Markdown report (BENCHMARKS.md
# holds the latest). Usage, from anywhere:
#
#   async-benchmarks/run-all.sh            # the full run (about 25 minutes on 2 cores)
#   async-benchmarks/run-all.sh --quick    # a smoke run of every group (about a minute)
#
# Other flags go to src/main/python/bench.py (--groups overhead,scale,timeout,javac, plus the
# optional soak, faulttolerance, context, metrics and spring groups, --reps N, --ft-rounds N,
# --ctx-rounds N, --metrics-rounds N, --metrics-jdks 25,17, --jdk17-max N, --out DIR). Needs
# JDK 17 and JDK 25 (JDK17_HOME, JDK25_HOME), python3, /usr/bin/time and Maven; MVN_FLAGS (e.g.
# -o) goes to every mvn call; JMH_IGNORE_LOCK=1 lets the metrics group's JMH run beside another.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
export JDK17_HOME="${JDK17_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}"
export JDK25_HOME="${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
for tool in "$JDK17_HOME/bin/java" "$JDK25_HOME/bin/java" /usr/bin/time python3 mvn; do
  command -v "$tool" >/dev/null || { echo "run-all.sh: missing $tool" >&2; exit 2; }
done

echo "[build] runtime, processor, MDC propagator, metrics binder and Spring Boot starter from" \
  "this checkout, then the benchmarks jar and the spring group's service" >&2
# Builds with JDK 17, as the rest of the project does; the jar runs on both JDKs.
JAVA_HOME="$JDK17_HOME" mvn -q -B ${MVN_FLAGS:-} -f "$root/pom.xml" install -Dmaven.test.skip=true \
  -pl async-annotations,async-processor,async-context-slf4j,async-micrometer,async-spring-boot-starter \
  -am >&2
JAVA_HOME="$JDK17_HOME" mvn -q -B ${MVN_FLAGS:-} -f "$here/pom.xml" package -Dmaven.test.skip=true >&2
# The spring group's service, a Spring Boot jar of its own (spring-service/target/spring-service.jar).
JAVA_HOME="$JDK17_HOME" mvn -q -B ${MVN_FLAGS:-} -f "$here/spring-service/pom.xml" package \
  -Dmaven.test.skip=true >&2

exec python3 "$here/src/main/python/bench.py" "$@"
