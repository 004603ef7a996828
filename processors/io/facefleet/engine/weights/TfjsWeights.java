package io.facefleet.engine.weights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a tfjs weights manifest and its concatenated bin bytes: tensors back to back in manifest
 * order, no alignment, little-endian raw float32/int32 or uint8-quantised values
 * ({@code value = (float) (q * scale + min)}, computed in double as tfjs does).
 */
public final class TfjsWeights {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TfjsWeights() {
    }

    /**
     * @param manifestJson the {@code *-weights_manifest.json} bytes
     * @param bin the bytes of all the group's {@code paths}, concatenated in order
     * @return tensors by manifest name, in manifest order
     */
    public static Map<String, WeightTensor> parse(byte[] manifestJson, byte[] bin) throws IOException {
        JsonNode groups = JSON.readTree(manifestJson);
        if (groups == null || !groups.isArray()) {
            throw new IOException("weights manifest is not a JSON array of groups");
        }
        ByteBuffer buf = ByteBuffer.wrap(bin).order(ByteOrder.LITTLE_ENDIAN);
        Map<String, WeightTensor> tensors = new LinkedHashMap<>();
        for (JsonNode group : groups) {
            for (JsonNode w : group.path("weights")) {
                WeightTensor t = readTensor(w, buf);
                tensors.put(t.name(), t);
            }
        }
        if (buf.hasRemaining()) {
            throw new IOException("weights bin has " + buf.remaining() + " bytes the manifest does not describe");
        }
        return tensors;
    }

    private static WeightTensor readTensor(JsonNode w, ByteBuffer buf) throws IOException {
        String name = w.path("name").asText();
        JsonNode shapeNode = w.path("shape");
        int[] shape = new int[shapeNode.size()];
        int count = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asInt();
            count = Math.multiplyExact(count, shape[i]);
        }
        String dtype = w.path("dtype").asText("float32");
        JsonNode q = w.get("quantization");
        float[] values = new float[count];
        if (q != null) {
            String qType = q.path("dtype").asText();
            if (!"uint8".equals(qType)) {
                throw new IOException(name + ": unsupported quantisation dtype " + qType);
            }
            need(buf, count, name);
            double scale = q.path("scale").asDouble();
            double min = q.path("min").asDouble();
            boolean integer = "int32".equals(dtype);
            for (int i = 0; i < count; i++) {
                double v = (buf.get() & 0xff) * scale + min;
                values[i] = integer ? (float) Math.round(v) : (float) v;
            }
        } else if ("float32".equals(dtype)) {
            need(buf, 4L * count, name);
            for (int i = 0; i < count; i++) {
                values[i] = buf.getFloat();
            }
        } else if ("int32".equals(dtype)) {
            need(buf, 4L * count, name);
            for (int i = 0; i < count; i++) {
                values[i] = buf.getInt();
            }
        } else {
            throw new IOException(name + ": unsupported dtype " + dtype);
        }
        return new WeightTensor(name, shape, values);
    }

    private static void need(ByteBuffer buf, long bytes, String name) throws IOException {
        if (buf.remaining() < bytes) {
            throw new IOException(name + ": weights bin ends early (needs " + bytes + " bytes, "
                    + buf.remaining() + " left)");
        }
    }
}
