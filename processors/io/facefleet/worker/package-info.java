/**
 * App tier processors: the worker route's own steps around a job (JobRunner: parse, answer a
 * redelivery from its stored result, reply), one handler per operation behind OperationHandler,
 * the images a job reads (JobImages), the error mapping (JobFailure), the dead-letter answer.
 */
package io.facefleet.worker;
