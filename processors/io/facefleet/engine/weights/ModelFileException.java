package io.facefleet.engine.weights;

/** A model file is missing, corrupt or unreadable: the engine cannot start. */
public class ModelFileException extends RuntimeException {

    public ModelFileException(String message) {
        super(message);
    }

    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
