/** App tier processors: running a job and reporting the work in flight. */
package io.facefleet.worker;
