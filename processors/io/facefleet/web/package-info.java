/** Web tier processors: upload checks, job submission, answers and errors. */
package io.facefleet.web;
