package io.facefleet.gallery;

/**
 * How hosts share collections through S3 (facefleet.gallery.s3.* in application-aws.properties).
 *
 * @param pollMs how often each host GETs the next log entry of each open collection (and of the catalogue)
 * @param snapshotEvery log entries between snapshots: the host that writes entry n * snapshotEvery takes one
 * @param retentionCheckMs how often an idle host checks that the log still reaches back to its next entry
 * @param snapshotsKept snapshots kept in the bucket (the newest ones); older ones and the log entries every kept one covers are deleted
 */
public record SharedLogSettings(long pollMs, int snapshotEvery, long retentionCheckMs, int snapshotsKept) {

    public SharedLogSettings {
        if (pollMs < 1 || snapshotEvery < 1 || retentionCheckMs < 1) {
            throw new IllegalArgumentException("poll-ms, snapshot-every and retention-check-ms are at least 1, got " + pollMs + ", "
                    + snapshotEvery + " and " + retentionCheckMs);
        }
        if (snapshotsKept < 2) {
            throw new IllegalArgumentException("snapshots-kept is at least 2 (a host that started from the previous snapshot must"
                    + " still find the log after it), got " + snapshotsKept);
        }
    }
}
