# Set-up shared by the benchmarks that drive the running service with generated images
# (small-images.sh, photo-rate.sh); sourced from the repository's root, not run. Leaves the load
# driver's packages installed, the test classes built (the image generators live there), the test
# classpath in target/test-classpath.txt, and $machine: lscpu's model and the core count.
[[ -d tools/load/node_modules ]] || (cd tools/load && npm ci --no-audit --no-fund --loglevel=error)
mvn -q -B test-compile
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt >/dev/null
machine="$(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores"
