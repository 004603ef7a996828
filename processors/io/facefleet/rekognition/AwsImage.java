package io.facefleet.rekognition;

import com.fasterxml.jackson.databind.JsonNode;
import io.facefleet.engine.image.ImageDecoder;
import io.facefleet.engine.image.ImageFormat;
import io.facefleet.web.Upload;
import java.util.Base64;
import java.util.Locale;

/**
 * A Rekognition {@code Image} member as a checked upload: exactly one of {@code Bytes} (base64)
 * or {@code S3Object} ({@code Bucket}, {@code Name}, {@code Version}), else
 * InvalidParameterException; an object that cannot be read is InvalidS3ObjectException; then
 * the same checks as every upload ({@link ImageDecoder#check}: too large, not an image, damaged).
 */
public final class AwsImage {

    private final ImageDecoder decoder;
    private final S3Objects s3;

    public AwsImage(ImageDecoder decoder, S3Objects s3) {
        this.decoder = decoder;
        this.s3 = s3;
    }

    /** The image of member {@code member} of the request document. */
    public Upload read(JsonNode request, String member) {
        JsonNode image = request.get(member);
        if (image == null || !image.isObject()) {
            throw AwsError.invalidParameter(member + " is required: an object with Bytes or S3Object");
        }
        JsonNode bytes = image.get("Bytes");
        JsonNode object = image.get("S3Object");
        if ((bytes == null) == (object == null)) {
            throw AwsError.invalidParameter(member + " needs exactly one of Bytes and S3Object");
        }
        byte[] data;
        String name;
        if (bytes != null) {
            if (!bytes.isTextual()) {
                throw AwsError.invalidParameter(member + ".Bytes is a base64 string");
            }
            try {
                data = Base64.getMimeDecoder().decode(bytes.asText());
            } catch (IllegalArgumentException e) {
                throw AwsError.invalidParameter(member + ".Bytes is not valid base64");
            }
            name = member.toLowerCase(Locale.ROOT);
        } else {
            String bucket = object.path("Bucket").asText("");
            String key = object.path("Name").asText("");
            if (bucket.isEmpty() || key.isEmpty()) {
                throw AwsError.invalidParameter(member + ".S3Object needs Bucket and Name");
            }
            String version = object.hasNonNull("Version") ? object.get("Version").asText() : null;
            data = s3.read(bucket, key, version, decoder.limits().maxBytes()).orElseThrow(() ->
                    new AwsError(400, "InvalidS3ObjectException", "Unable to get object metadata from S3. Check object key, region and/or access permissions."));
            name = key.substring(key.lastIndexOf('/') + 1);
        }
        ImageFormat format = decoder.check(data);
        return new Upload(io.facefleet.storage.StorageKeys.fromUploadName(name), format.name().toLowerCase(Locale.ROOT), data);
    }
}
