package io.facefleet.engine;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a caller may ask about a face beyond where it is and who: age, gender, expression. Each
 * costs a net's forward pass per face, so none runs unless asked ({@link #parse}).
 */
public enum Attribute {
    AGE, GENDER, EXPRESSION;

    /** The word that asks for every attribute. */
    public static final String ALL = "all";

    /** The name on the wire: {@code age}, {@code gender}, {@code expression}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * A comma-separated list of names, or {@code all}; null or blank asks for none. Names are
     * case-insensitive, blanks around them ignored.
     *
     * @throws IllegalArgumentException naming the unknown word and the known ones
     */
    public static Set<Attribute> parse(String list) {
        if (list == null || list.isBlank()) {
            return Collections.unmodifiableSet(EnumSet.noneOf(Attribute.class));
        }
        EnumSet<Attribute> out = EnumSet.noneOf(Attribute.class);
        for (String raw : list.split(",", -1)) {
            String word = raw.strip().toLowerCase(Locale.ROOT);
            if (word.equals(ALL)) {
                out.addAll(EnumSet.allOf(Attribute.class));
                continue;
            }
            Attribute a = byWireName(word);
            if (a == null) {
                throw new IllegalArgumentException("unknown attribute '" + raw.strip() + "': ask for "
                        + known() + " or " + ALL + ", comma-separated");
            }
            out.add(a);
        }
        return Collections.unmodifiableSet(out);
    }

    /** The canonical list (wire names in declaration order, comma-separated; "" for none). */
    public static String format(Set<Attribute> attributes) {
        return attributes.stream().sorted().map(Attribute::wireName).collect(Collectors.joining(","));
    }

    /** The known wire names, comma-separated. */
    public static String known() {
        return format(EnumSet.allOf(Attribute.class));
    }

    private static Attribute byWireName(String word) {
        for (Attribute a : values()) {
            if (a.wireName().equals(word)) {
                return a;
            }
        }
        return null;
    }
}
