package io.facefleet.testing;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.io.MutableContentMetadata;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Real SQS and S3 protocol servers inside the test JVM: ElasticMQ and S3Proxy (over an in-memory
 * jclouds store). Every object write that reaches the S3 server is recorded with its key, so a
 * test can prove that a result was written once. Started with faults, the service reaches each
 * server through a {@link FaultProxy} that a test can cut, while the server keeps its data.
 */
public final class AwsServers implements AutoCloseable {

    public static final String ACCESS_KEY = "facefleet-test";
    public static final String SECRET_KEY = "facefleet-test-secret";
    /** Password of the management login the aws-profile services are started with (user "operator"). */
    public static final String MANAGEMENT_PASSWORD = "facefleet-test-management";

    private final int sqsPort;
    private final int s3Port;
    private final BlobStore blobs;
    private final Map<String, List<String>> writes = new ConcurrentHashMap<>();
    private SQSRestServer sqs;
    private S3Proxy s3;
    private FaultProxy sqsFaults;
    private FaultProxy s3Faults;
    private final java.util.concurrent.atomic.AtomicReference<Hold> hold = new java.util.concurrent.atomic.AtomicReference<>();

    /**
     * A write that landed in the store while its writer still waits for the server's answer: the
     * answer is held back until {@link #release()}, so a test can act (kill the writer) at exactly
     * the moment a job's result is stored and the job not yet finished.
     */
    public static final class HeldWrite {
        private final String bucket;
        private final String key;
        private final String body;
        private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);

        HeldWrite(String bucket, String key, String body) {
            this.bucket = bucket;
            this.key = key;
            this.body = body;
        }

        public String bucket() {
            return bucket;
        }

        public String key() {
            return key;
        }

        public String body() {
            return body;
        }

        /** Lets the server answer the writer. */
        public void release() {
            released.countDown();
        }
    }

    private record Hold(String bucket, java.util.function.Predicate<String> body, java.util.concurrent.CompletableFuture<HeldWrite> held) {
    }

    /**
     * Holds the next write to {@code bucket} whose body matches: it lands, then its writer waits
     * (up to a minute) for the answer until the test releases it.
     */
    public java.util.concurrent.CompletableFuture<HeldWrite> holdNextWrite(String bucket, java.util.function.Predicate<String> body) {
        Hold h = new Hold(bucket, body, new java.util.concurrent.CompletableFuture<>());
        hold.set(h);
        return h.held();
    }

    private AwsServers() throws IOException {
        sqsPort = freePort();
        s3Port = freePort();
        BlobStoreContext context = ContextBuilder.newBuilder("transient").credentials("identity", "credential").build(BlobStoreContext.class);
        blobs = recording(context.getBlobStore());
    }

    public static AwsServers start() throws Exception {
        AwsServers servers = new AwsServers();
        servers.startSqs();
        servers.startS3();
        return servers;
    }

    /**
     * The servers behind {@link FaultProxy}s: the service reaches them only through the proxies
     * ({@link #settings()} names the proxies' ports), so a test can cut SQS or S3 off and back on.
     */
    public static AwsServers startWithFaults() throws Exception {
        AwsServers servers = new AwsServers();
        servers.sqsFaults = new FaultProxy(servers.sqsPort);
        servers.s3Faults = new FaultProxy(servers.s3Port);
        servers.startSqs();
        servers.startS3();
        return servers;
    }

    /** The SQS line (null unless started with faults). */
    public FaultProxy sqsFaults() {
        return sqsFaults;
    }

    /** The S3 line (null unless started with faults). */
    public FaultProxy s3Faults() {
        return s3Faults;
    }

    private void startSqs() {
        // queue URLs carry the advertised port, so clients keep going through the proxy
        int advertised = sqsFaults != null ? sqsFaults.port() : sqsPort;
        sqs = SQSRestServerBuilder.withPort(sqsPort).withInterface("127.0.0.1")
                .withServerAddress(new NodeAddress("http", "127.0.0.1", advertised, "")).start();
        sqs.waitUntilStarted();
    }

    private void startS3() throws Exception {
        s3 = S3Proxy.builder().blobStore(blobs).endpoint(URI.create("http://127.0.0.1:" + s3Port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        s3.start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (!"STARTED".equals(s3.getState())) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + s3.getState());
            }
            Thread.sleep(10);
        }
    }

    /** The settings that point the aws profile at these servers (through the fault proxies, if any). */
    public List<String> settings() {
        int sqsPortSeen = sqsFaults != null ? sqsFaults.port() : sqsPort;
        int s3PortSeen = s3Faults != null ? s3Faults.port() : s3Port;
        return List.of("facefleet.profile=aws",
                "facefleet.aws.sqs-endpoint=http://127.0.0.1:" + sqsPortSeen,
                "facefleet.aws.s3-endpoint=http://127.0.0.1:" + s3PortSeen,
                "facefleet.aws.access-key=" + ACCESS_KEY,
                "facefleet.aws.secret-key=" + SECRET_KEY,
                "facefleet.s3.create-buckets=true",
                // the aws profile requires a management login
                "facefleet.management.username=operator",
                "facefleet.management.password=" + MANAGEMENT_PASSWORD);
    }

    /** A client of the SQS server as the service reaches it (through the fault proxy, if any). */
    public SqsClient sqsClient() {
        int port = sqsFaults != null ? sqsFaults.port() : sqsPort;
        return SqsClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create("http://127.0.0.1:" + port))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY))).build();
    }

    /** A client of the S3 server as the service reaches it (through the fault proxy, if any). */
    public S3Client s3Client() {
        int port = s3Faults != null ? s3Faults.port() : s3Port;
        return S3Client.builder().region(Region.US_EAST_1).endpointOverride(URI.create("http://127.0.0.1:" + port))
                .forcePathStyle(true)
                .requestChecksumCalculation(software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(software.amazon.awssdk.core.checksums.ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY))).build();
    }

    /** Every key now in {@code bucket} (listed from the server, all pages). */
    public List<String> objectKeys(String bucket) {
        try (S3Client s3 = s3Client()) {
            List<String> keys = new java.util.ArrayList<>();
            s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents().forEach(o -> keys.add(o.key()));
            return keys.stream().sorted().toList();
        }
    }

    /** Messages in a queue, waiting or in flight. */
    public int messages(SqsClient sqs, String queue) {
        String url = sqs.getQueueUrl(r -> r.queueName(queue)).queueUrl();
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** Waits up to {@code millis} for a queue to empty; the messages still there then (0: emptied). */
    public int awaitEmpty(SqsClient sqs, String queue, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        int left = messages(sqs, queue);
        while (left > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            left = messages(sqs, queue);
        }
        return left;
    }

    /** Every value written to {@code bucket/key}, in order (the body of each write). */
    public List<String> writes(String bucket, String key) {
        return writes.getOrDefault(bucket + "/" + key, List.of());
    }

    /** All keys written in a bucket. */
    public List<String> writtenKeys(String bucket) {
        return writes.keySet().stream().filter(k -> k.startsWith(bucket + "/")).map(k -> k.substring(bucket.length() + 1)).sorted().toList();
    }

    /**
     * The jclouds store behind S3Proxy, wrapped to record each {@code putBlob} with its content,
     * and to make a conditional PUT (If-None-Match: *) atomic. S3Proxy 3.0.0 checks for the key
     * and then puts, with nothing between, so two racing PUTs of one key can both get a 200;
     * AWS S3 itself lets exactly one win. Here the check and the put happen under one lock, and
     * the loser gets S3Proxy's own 412 (it answers an IllegalStateException whose message starts
     * "PreconditionFailed" with one). This is the harness standing where S3's guarantee would;
     * nothing else of S3 is changed.
     */
    private BlobStore recording(BlobStore target) {
        InvocationHandler h = (proxy, method, args) -> {
            if (isConditionalPut(method.getName(), args)) {
                synchronized (conditionalPuts) {
                    Blob blob = (Blob) args[1];
                    if (target.blobExists((String) args[0], blob.getMetadata().getName())) {
                        refusedConditionalPuts.incrementAndGet();
                        throw new IllegalStateException("PreconditionFailed: " + args[0] + "/" + blob.getMetadata().getName() + " exists");
                    }
                    return recordAndPut(target, method, args);
                }
            }
            return recordAndPut(target, method, args);
        };
        return (BlobStore) Proxy.newProxyInstance(BlobStore.class.getClassLoader(), new Class<?>[] {BlobStore.class}, h);
    }

    private final Object conditionalPuts = new Object();
    private final java.util.concurrent.atomic.AtomicInteger refusedConditionalPuts = new java.util.concurrent.atomic.AtomicInteger();

    /** Conditional PUTs refused so far because their key existed (each answered 412). */
    public int refusedConditionalPuts() {
        return refusedConditionalPuts.get();
    }

    /** The S3 endpoint as the service reaches it (through the fault proxy, if any). */
    public String s3Endpoint() {
        return "http://127.0.0.1:" + (s3Faults != null ? s3Faults.port() : s3Port);
    }

    private static boolean isConditionalPut(String method, Object[] args) {
        return method.equals("putBlob") && args != null && args.length == 3 && args[1] instanceof Blob
                && args[2] instanceof org.gaul.s3proxy.PutOptions2 o && "*".equals(o.getIfNoneMatch());
    }

    private Object recordAndPut(BlobStore target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        if (method.getName().equals("putBlob") && args != null && args.length >= 2 && args[1] instanceof Blob blob) {
            MutableContentMetadata meta = blob.getPayload().getContentMetadata();
            byte[] body = readToEnd(blob.getPayload().openStream());
            blob.setPayload(body);
            blob.getPayload().setContentMetadata(meta);
            boolean text = body.length <= 4096 && !new String(body, java.nio.charset.StandardCharsets.ISO_8859_1).chars().anyMatch(c -> c < 9);
            String value = text ? new String(body, java.nio.charset.StandardCharsets.UTF_8) : "<" + body.length + " bytes>";
            writes.computeIfAbsent(args[0] + "/" + blob.getMetadata().getName(), k -> new CopyOnWriteArrayList<>()).add(value);
        }
        Object result;
        try {
            result = method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (method.getName().equals("putBlob") && args != null && args.length >= 2 && args[1] instanceof Blob blob) {
            holdIfArmed(String.valueOf(args[0]), blob.getMetadata().getName());
        }
        return result;
    }

    /**
     * The whole payload. S3Proxy's stream may return 0 from read before its end, which stops
     * {@code readAllBytes} early (at 8 KiB): read until it says -1.
     */
    private static byte[] readToEnd(java.io.InputStream in) throws IOException {
        try (in) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[16384];
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    private void holdIfArmed(String bucket, String key) throws InterruptedException {
        Hold h = hold.get();
        List<String> values = writes.getOrDefault(bucket + "/" + key, List.of());
        String body = values.isEmpty() ? "" : values.get(values.size() - 1);
        if (h != null && h.bucket().equals(bucket) && h.body().test(body) && hold.compareAndSet(h, null)) {
            HeldWrite held = new HeldWrite(bucket, key, body);
            h.held().complete(held);
            held.released.await(60, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        try {
            sqs.stopAndWait();
        } finally {
            s3.stop();
            if (sqsFaults != null) {
                sqsFaults.close();
                s3Faults.close();
            }
        }
    }
}
