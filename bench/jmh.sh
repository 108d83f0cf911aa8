#!/usr/bin/env bash
# JMH: Verifier.verifyIfCached for a cached key against a bare SHA-256 + HashMap lookup, in
# alternating short rounds on the same machine; prints both medians and the median ratio.
# Usage: bench/jmh.sh [rounds]   (default 5 rounds, about 2 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/jdk.sh
rounds="${1:-5}"

# Build through the reactor (never install): core, server and the shaded benchmark jar.
./mvnw -B -q -pl bench -am package -DskipTests -Dspotless.check.skip=true

exec "$JAVA_HOME/bin/java" -cp bench/target/keywarden-bench.jar dev.keywarden.bench.JmhRatio "$rounds"
