/** Benchmarks that need the test servers (ElasticMQ, S3Proxy): run by scripts in tools/bench, not by the test suite. */
package io.facefleet.bench;
