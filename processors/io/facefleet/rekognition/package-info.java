/**
 * Amazon Rekognition's JSON 1.1 protocol on the client port: {@code POST /} with
 * {@code X-Amz-Target: RekognitionService.<Operation>}, so that the official AWS SDKs call
 * facefleet by changing only their endpoint. The web tier parses and answers the protocol here;
 * the workers answer in facefleet's neutral JSON ({@code analyze}, {@code compare}, {@code index},
 * {@code search} handlers), and the gallery operations run on the web tier over the
 * {@code Catalog}. Requests are authenticated by their SigV4 signature ({@link SigV4Verifier}).
 */
package io.facefleet.rekognition;
