package io.facefleet.gallery;

import java.util.List;

/** One request's changes under one journal sequence number: applied and seen whole or not at all. */
record LogEntry(long seq, List<Change> changes) {
}
