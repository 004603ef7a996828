/** The bottom layer: the JSON mapper shared by messages, web answers, results and the command line. */
package io.facefleet.json;
