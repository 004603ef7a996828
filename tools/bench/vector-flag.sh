# The java flag every benchmark JVM starts with: the SIMD vector distances of the gallery need
# the incubator module on Java 17 (docs/decisions.md). Sourced, not run; leaves $vector_flag.
vector_flag="--add-modules jdk.incubator.vector"
