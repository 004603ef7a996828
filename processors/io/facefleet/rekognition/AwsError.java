package io.facefleet.rekognition;

import io.facefleet.messaging.HttpError;

/**
 * A failure with its AWS error type ({@code __type}, e.g. {@code ResourceNotFoundException}) and
 * the status Rekognition answers it with. As an {@link HttpError} it also reads for the other
 * protocols (auth failures reach them too): their status is {@code plainStatus}.
 */
public class AwsError extends HttpError {

    private final String type;
    private final int awsStatus;

    public AwsError(int awsStatus, String type, String message) {
        this(awsStatus, type, message, awsStatus, 0);
    }

    public AwsError(int awsStatus, String type, String message, int plainStatus, int retryAfterSeconds) {
        super(plainStatus, message, retryAfterSeconds);
        this.type = type;
        this.awsStatus = awsStatus;
    }

    public String type() {
        return type;
    }

    public int awsStatus() {
        return awsStatus;
    }

    static AwsError invalidParameter(String message) {
        return new AwsError(400, "InvalidParameterException", message);
    }
}
