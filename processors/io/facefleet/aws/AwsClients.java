package io.facefleet.aws;

import io.facefleet.boot.Settings;
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

    public AwsClients(Settings s) {
        this(s, List.of());
    }

    /** @param interceptors see every call the clients make (tests record the AWS actions used) */
    public AwsClients(Settings s, List<ExecutionInterceptor> interceptors) {
        this.interceptors = List.copyOf(interceptors);
        this.region = Region.of(s.get("facefleet.aws.region"));
        this.sqsEndpoint = s.has("facefleet.aws.sqs-endpoint") ? URI.create(s.get("facefleet.aws.sqs-endpoint")) : null;
        this.s3Endpoint = s.has("facefleet.aws.s3-endpoint") ? URI.create(s.get("facefleet.aws.s3-endpoint")) : null;
        this.credentials = s.has("facefleet.aws.access-key")
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(s.get("facefleet.aws.access-key"), s.get("facefleet.aws.secret-key")))
                : DefaultCredentialsProvider.builder().build();
        this.maxConnections = s.getInt("facefleet.aws.max-connections");
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
