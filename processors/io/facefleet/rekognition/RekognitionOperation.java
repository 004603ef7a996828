package io.facefleet.rekognition;

import java.util.Arrays;
import java.util.Optional;

/**
 * The Rekognition operations facefleet answers, by their {@code X-Amz-Target} name, each with the
 * route that answers it ({@code direct:rekognition-<route>}, routes/rekognition.camel.yaml). The
 * set is closed: a name not listed here never reaches a route.
 */
public enum RekognitionOperation {
    DETECT_FACES("DetectFaces", "detect-faces"),
    COMPARE_FACES("CompareFaces", "compare-faces"),
    CREATE_COLLECTION("CreateCollection", "create-collection"),
    DESCRIBE_COLLECTION("DescribeCollection", "describe-collection"),
    LIST_COLLECTIONS("ListCollections", "list-collections"),
    DELETE_COLLECTION("DeleteCollection", "delete-collection"),
    INDEX_FACES("IndexFaces", "index-faces"),
    LIST_FACES("ListFaces", "list-faces"),
    DELETE_FACES("DeleteFaces", "delete-faces"),
    SEARCH_FACES("SearchFaces", "search-faces"),
    SEARCH_FACES_BY_IMAGE("SearchFacesByImage", "search-faces-by-image");

    /** The target prefix of every operation's X-Amz-Target. */
    public static final String TARGET_PREFIX = "RekognitionService.";

    private final String wireName;
    private final String route;

    RekognitionOperation(String wireName, String route) {
        this.wireName = wireName;
        this.route = route;
    }

    public String wireName() {
        return wireName;
    }

    public String route() {
        return route;
    }

    /** The operation an X-Amz-Target header names, if it is one of ours. */
    public static Optional<RekognitionOperation> ofTarget(String target) {
        if (target == null || !target.startsWith(TARGET_PREFIX)) {
            return Optional.empty();
        }
        String name = target.substring(TARGET_PREFIX.length());
        return Arrays.stream(values()).filter(o -> o.wireName.equals(name)).findFirst();
    }
}
