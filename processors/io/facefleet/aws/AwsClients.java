package io.facefleet.aws;

import java.net.URI;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The AWS SDK clients of one host, built once from {@code facefleet.aws.*}: region, optional
 * endpoint overrides for SQS and S3 (S3-compatible stores, ElasticMQ and S3Proxy in tests) and the default credential chain
 * unless static keys are set. They are bound in the Camel registry, so the {@code aws2-sqs},
 * {@code aws2-s3} and {@code aws2-ec2} endpoints use the same clients as our own beans.
 */
public final class AwsClients {

    private final Region region;
    private final URI sqsEndpoint;
    private final URI s3Endpoint;
    private final AwsCredentialsProvider credentials;
    private final int maxConnections;
    private final List<ExecutionInterceptor> interceptors;

    /**
     * Where and as whom this host talks to AWS ({@code facefleet.aws.*}).
     *
     * @param sqsEndpoint and s3Endpoint blank for AWS itself
     * @param accessKey and secretKey blank for the default credential chain
     */
    public record Config(String region, String sqsEndpoint, String s3Endpoint, String accessKey, String secretKey, int maxConnections) {
    }

    public AwsClients(Config config) {
        this(config, List.of());
    }

    /** @param interceptors see every call the clients make (tests record the AWS actions used) */
    public AwsClients(Config c, List<ExecutionInterceptor> interceptors) {
        this.interceptors = List.copyOf(interceptors);
        this.region = Region.of(c.region());
        this.sqsEndpoint = isSet(c.sqsEndpoint()) ? URI.create(c.sqsEndpoint()) : null;
        this.s3Endpoint = isSet(c.s3Endpoint()) ? URI.create(c.s3Endpoint()) : null;
        this.credentials = isSet(c.accessKey())
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(c.accessKey(), c.secretKey()))
                : DefaultCredentialsProvider.builder().build();
        this.maxConnections = c.maxConnections();
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder, URI endpoint) {
        builder.region(region).credentialsProvider(credentials)
                .overrideConfiguration(c -> interceptors.forEach(c::addExecutionInterceptor));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder;
    }

    public SqsClient sqs() {
        return configure(SqsClient.builder(), sqsEndpoint).httpClientBuilder(ApacheHttpClient.builder().maxConnections(maxConnections)).build();
    }

    /**
     * Path-style addressing when an endpoint is overridden (S3-compatible stores rarely serve
     * bucket subdomains); checksums only where S3 requires them, which every such store accepts.
     */
    public S3Client s3() {
        return configure(S3Client.builder(), s3Endpoint)
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(maxConnections))
                .forcePathStyle(s3Endpoint != null)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    public Ec2Client ec2() {
        return configure(Ec2Client.builder(), null).httpClientBuilder(ApacheHttpClient.builder()).build();
    }
}
