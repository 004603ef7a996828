package io.facefleet.deploy;

import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Sees every call the service's AWS clients make and keeps it as {@code Service:Operation}. */
final class AwsCallRecorder implements ExecutionInterceptor {

    private final Set<String> calls = new TreeSet<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        synchronized (calls) {
            calls.add(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + ":" + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        }
    }

    Set<String> calls() {
        synchronized (calls) {
            return new TreeSet<>(calls);
        }
    }
}
