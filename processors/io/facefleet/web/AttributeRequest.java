package io.facefleet.web;

import io.facefleet.engine.Attribute;
import io.facefleet.messaging.HttpError;
import java.util.EnumSet;
import java.util.Set;

/**
 * Reads a request's {@code attributes} query parameter ({@code age,gender,expression} or
 * {@code all}) against the attributes this service offers ({@code facefleet.attributes.allowed}).
 * An unknown name, or one the service turned off, is a 400 that says which and what is offered;
 * {@code all} means all that are offered.
 */
public final class AttributeRequest {

    private final Set<Attribute> allowed;

    /** @param allowedList the offered attributes, as the parameter spells them; blank = none */
    public AttributeRequest(String allowedList) {
        Set<Attribute> parsed;
        try {
            parsed = Attribute.parse(allowedList);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("facefleet.attributes.allowed: " + e.getMessage(), e);
        }
        this.allowed = parsed.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(parsed));
    }

    /** Every attribute offered. */
    public static AttributeRequest all() {
        return new AttributeRequest(Attribute.ALL);
    }

    /** The attributes a parameter value asks for; null or blank asks for none. */
    public Set<Attribute> parse(String parameter) {
        if (parameter == null || parameter.isBlank()) {
            return Set.of();
        }
        EnumSet<Attribute> out = EnumSet.noneOf(Attribute.class);
        for (String word : parameter.split(",", -1)) {
            if (word.strip().equalsIgnoreCase(Attribute.ALL)) {
                if (allowed.isEmpty()) {
                    throw new HttpError(400, "attributes: this service offers none (facefleet.attributes.allowed is empty)");
                }
                out.addAll(allowed);
                continue;
            }
            Set<Attribute> one;
            try {
                one = Attribute.parse(word.isBlank() ? "''" : word);
            } catch (IllegalArgumentException e) {
                throw new HttpError(400, "attributes: " + e.getMessage());
            }
            for (Attribute a : one) {
                if (!allowed.contains(a)) {
                    throw new HttpError(400, "attributes: " + a.wireName() + " is turned off on this service; it offers "
                            + (allowed.isEmpty() ? "none" : Attribute.format(allowed)));
                }
            }
            out.addAll(one);
        }
        return Set.copyOf(out);
    }
}
