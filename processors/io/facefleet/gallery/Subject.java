package io.facefleet.gallery;

import java.util.List;

/** An enrolled identity and its example faces. */
public record Subject(String name, List<Example> examples) {
}
