package io.facefleet.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * {@code deploy/cloudformation.yaml} parses, holds every resource the runbook relies on, refers
 * only to things it defines, and gives the instances exactly the service policy of
 * {@code deploy/iam-policy.json}. The bootstrap script and systemd units it names exist.
 */
class CloudFormationTemplateTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SUB_REF = Pattern.compile("\\$\\{([A-Za-z0-9:]+)(\\.[A-Za-z]+)?}");

    private static JsonNode template() throws Exception {
        Object yaml = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(Path.of("deploy", "cloudformation.yaml")));
        return JSON.valueToTree(yaml);
    }

    @Test
    void theTemplateDefinesTheWholeDeployment() throws Exception {
        JsonNode t = template();
        assertEquals("2010-09-09", t.get("AWSTemplateFormatVersion").asText());
        Map<String, Integer> expected = Map.of("AWS::S3::Bucket", 3, "AWS::SQS::Queue", 3, "AWS::IAM::Role", 1,
                "AWS::IAM::InstanceProfile", 1, "AWS::EC2::SecurityGroup", 1, "AWS::EC2::LaunchTemplate", 1, "AWS::EC2::Instance", 1);
        Map<String, Integer> found = new java.util.TreeMap<>();
        t.get("Resources").forEach(r -> found.merge(r.get("Type").asText(), 1, Integer::sum));
        assertEquals(new java.util.TreeMap<>(expected), found);
        assertEquals(5, t.at("/Resources/RequestQueue/Properties/RedrivePolicy/maxReceiveCount").asInt(), "poison jobs go to the dead-letter queue");
        assertEquals("${AppId}-app-tier", t.at("/Resources/AppLaunchTemplate/Properties/LaunchTemplateName/Fn::Sub").asText(),
                "the name the EC2 driver launches from (facefleet.ec2.launch-template)");
    }

    @Test
    void everyReferenceResolves() throws Exception {
        JsonNode t = template();
        Set<String> known = new TreeSet<>();
        t.get("Parameters").fieldNames().forEachRemaining(known::add);
        t.get("Resources").fieldNames().forEachRemaining(known::add);
        List<String> refs = new ArrayList<>();
        collect(t.get("Resources"), refs);
        collect(t.get("Outputs"), refs);
        assertTrue(!refs.isEmpty());
        for (String r : refs) {
            assertTrue(known.contains(r) || r.startsWith("AWS::"), "unknown reference " + r);
        }
    }

    private static void collect(JsonNode n, List<String> refs) {
        if (n.isObject()) {
            n.fields().forEachRemaining(e -> {
                switch (e.getKey()) {
                    case "Ref" -> refs.add(e.getValue().asText());
                    case "Fn::GetAtt" -> refs.add(e.getValue().get(0).asText());
                    case "Fn::Sub" -> {
                        Matcher m = SUB_REF.matcher(e.getValue().asText());
                        while (m.find()) {
                            refs.add(m.group(1));
                        }
                    }
                    default -> collect(e.getValue(), refs);
                }
            });
        } else if (n.isArray()) {
            n.forEach(x -> collect(x, refs));
        }
    }

    @Test
    void theInstanceRoleHasExactlyTheServicePolicy() throws Exception {
        JsonNode t = template();
        JsonNode service = null;
        for (JsonNode p : t.at("/Resources/InstanceRole/Properties/Policies")) {
            if (p.get("PolicyName").asText().equals("facefleet-service")) {
                service = p.get("PolicyDocument");
            }
        }
        JsonNode file = JSON.readTree(Path.of("deploy", "iam-policy.json").toFile());
        assertEquals(DeployPolicyTest.policyActions(file), DeployPolicyTest.policyActions(service));
        List<String> sids = new ArrayList<>();
        List<String> fileSids = new ArrayList<>();
        service.get("Statement").forEach(s -> sids.add(s.get("Sid").asText()));
        file.get("Statement").forEach(s -> fileSids.add(s.get("Sid").asText()));
        assertEquals(fileSids, sids, "the same statements in the same order");
    }

    @Test
    void webHostsMayManageOnlyTheirOwnReplyQueuesAndTheSeedsQueuesStay() throws Exception {
        JsonNode t = template();
        assertEquals("${AppId}-req-queue", t.at("/Resources/RequestQueue/Properties/QueueName/Fn::Sub").asText());
        assertEquals("${AppId}-resp-queue", t.at("/Resources/ReplyQueue/Properties/QueueName/Fn::Sub").asText(), "the seed's name is kept");
        assertEquals(1024, t.at("/Resources/RequestQueue/Properties/MaximumMessageSize").asInt());
        // the names web hosts give their queues (facefleet.sqs.reply-queue-prefix) are those the policy lets them create and delete
        String prefix = io.facefleet.app.Settings.load(new String[] {"facefleet.profile=aws"}).get("facefleet.sqs.reply-queue-prefix");
        JsonNode file = JSON.readTree(Path.of("deploy", "iam-policy.json").toFile());
        JsonNode own = null;
        for (JsonNode st : file.get("Statement")) {
            if (st.get("Sid").asText().equals("WebHostsOwnReplyQueues")) {
                own = st;
            }
        }
        assertEquals("arn:aws:sqs:*:*:" + prefix + "*", own.get("Resource").asText());
        for (JsonNode p : t.at("/Resources/InstanceRole/Properties/Policies")) {
            for (JsonNode st : p.at("/PolicyDocument/Statement")) {
                if (st.path("Sid").asText().equals("WebHostsOwnReplyQueues")) {
                    assertTrue(st.at("/Resource/Fn::Sub").asText().endsWith(":${AppId}-resp-queue-*"), st.toString());
                }
            }
        }
        assertTrue(Files.readString(Path.of("deploy", "bootstrap", "install.sh")).contains("FACEFLEET_HOST_ID=$instance_id"),
                "the bootstrap names each web host's queue after its instance id");
    }

    @Test
    void theBootstrapAndUnitsExist() throws Exception {
        String install = Files.readString(Path.of("deploy", "bootstrap", "install.sh"));
        for (String tier : List.of("web", "app")) {
            Path unit = Path.of("deploy", "systemd", "facefleet-" + tier + ".service");
            assertTrue(Files.isRegularFile(unit), unit + " exists");
            String text = Files.readString(unit);
            assertTrue(text.contains("facefleet.profile=aws") && text.contains("KillSignal=SIGTERM"), unit + " runs the aws profile and drains on stop");
        }
        assertTrue(install.contains("facefleet-$tier.service"));
    }
}
