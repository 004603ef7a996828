# Set-up shared by the benchmarks that drive the running service with generated images
# (small-images.sh, photo-rate.sh); sourced from the repository's root, not run. Leaves the load
# driver's packages installed, the test classes built (the image generators live there), the test
# classpath and $cp, and $machine (tools/bench/bench-classpath.sh).
[[ -d tools/load/node_modules ]] || (cd tools/load && npm ci --no-audit --no-fund --loglevel=error)
source tools/bench/bench-classpath.sh
