package io.facefleet.scaling;

/** Where the controller reads the work waiting: the in-memory queue, or SQS's attributes. */
public interface Backlog {

    /** One reading: jobs waiting, and jobs taken by a worker and not yet finished. */
    record Reading(int visible, int inFlight) {
        public int total() {
            return Math.max(0, visible) + Math.max(0, inFlight);
        }
    }

    Reading read();
}
