# Set-up shared by the benchmarks that run a Java main from the test classes; sourced from the
# repository's root, not run. Builds the test classes, writes the test classpath to
# target/test-classpath.txt and leaves $cp (classes, test classes and every dependency) and
# $machine (lscpu's model and the core count, written beside every figure).
mvn -q -B test-compile
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt >/dev/null
cp="target/test-classes:target/classes:$(cat target/test-classpath.txt)"
machine="$(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores"
. tools/bench/vector-flag.sh
