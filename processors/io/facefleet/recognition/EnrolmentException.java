package io.facefleet.recognition;

/** An image cannot be used for enrolment or verification: no face, or several where one is needed. */
public class EnrolmentException extends RuntimeException {

    public EnrolmentException(String message) {
        super(message);
    }
}
