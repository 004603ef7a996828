package io.facefleet.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.engine.Attribute;
import io.facefleet.messaging.HttpError;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The attributes query parameter: names, all, and what the service offers. */
class AttributeRequestTest {

    @Test
    void namesAndAllAreRead() {
        AttributeRequest every = AttributeRequest.all();
        assertEquals(Set.of(), every.parse(null));
        assertEquals(Set.of(), every.parse(" "));
        assertEquals(EnumSet.of(Attribute.AGE, Attribute.GENDER), every.parse("gender, AGE"));
        assertEquals(EnumSet.allOf(Attribute.class), every.parse("all"));
        assertEquals(EnumSet.allOf(Attribute.class), every.parse("age,gender,expression"));
    }

    @Test
    void anUnknownNameIsA400SayingWhichAndWhatIsKnown() {
        HttpError e = assertThrows(HttpError.class, () -> AttributeRequest.all().parse("age,height"));
        assertEquals(400, e.status());
        assertEquals("attributes: unknown attribute 'height': ask for age,gender,expression or all, comma-separated", e.getMessage());
        assertEquals(400, assertThrows(HttpError.class, () -> AttributeRequest.all().parse("age,,gender")).status(),
                "an empty name is not silently dropped");
    }

    @Test
    void allMeansWhatTheServiceOffersAndATurnedOffNameIsRefused() {
        AttributeRequest onlyExpression = new AttributeRequest("expression");
        assertEquals(EnumSet.of(Attribute.EXPRESSION), onlyExpression.parse("all"));
        HttpError e = assertThrows(HttpError.class, () -> onlyExpression.parse("expression,gender"));
        assertEquals(400, e.status());
        assertEquals("attributes: gender is turned off on this service; it offers expression", e.getMessage());

        AttributeRequest none = new AttributeRequest("");
        assertEquals(Set.of(), none.parse(null), "no parameter is fine when none are offered");
        assertTrue(assertThrows(HttpError.class, () -> none.parse("all")).getMessage().contains("offers none"));
        assertThrows(IllegalArgumentException.class, () -> new AttributeRequest("age,size"), "a bad setting stops start-up");
    }
}
