package io.facefleet.gallery;

/**
 * How hosts share collections through S3 (facefleet.gallery.s3.* in application-aws.properties).
 *
 * @param pollMs how often each host GETs the next log entry of each open collection (and of the catalogue)
 * @param snapshotEvery log entries between snapshots: the host that writes entry n * snapshotEvery takes one
 */
public record SharedLogSettings(long pollMs, int snapshotEvery) {

    public SharedLogSettings {
        if (pollMs < 1 || snapshotEvery < 1) {
            throw new IllegalArgumentException("poll-ms and snapshot-every are at least 1, got " + pollMs + " and " + snapshotEvery);
        }
    }
}
