/** AWS clients built from the service's settings, and the queues the aws profile needs. */
package io.facefleet.aws;
