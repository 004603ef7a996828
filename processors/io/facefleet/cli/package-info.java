/** The command line of the application jar (embed, detect, enroll, identify, verify, subjects). */
package io.facefleet.cli;
