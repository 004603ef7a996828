/**
 * CompreFace's recognition API, the subset Double Take (and through it Frigate and Home Assistant)
 * calls: recognize, add an example, delete a subject's examples, list examples. A thin adapter on
 * the web tier ({@code routes/compreface.camel.yaml}): the jobs are the worker's own
 * {@code recognize} and {@code enroll}; only the request parameters, the answer shapes and the
 * error shape are CompreFace's. Decisions (keys, collection, similarity, det_prob_threshold):
 * docs/decisions.md.
 */
package io.facefleet.compreface;
