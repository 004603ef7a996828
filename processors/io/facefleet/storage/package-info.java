/** Object storage for images and results (local disk or S3) and the keys they live under. */
package io.facefleet.storage;
