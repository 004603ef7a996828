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
 * {@code deploy/iam-policy.json}, statement by statement. Secrets never pass through user data:
 * the bootstrap reads them from Parameter Store with the instance role. The bootstrap script and
 * systemd units it names exist.
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
        JsonNode file = JSON.readTree(Path.of("deploy", "iam-policy.json").toFile());
        JsonNode stack = resolve(rolePolicy(t, "facefleet-service"), t);
        List<String> sids = new ArrayList<>();
        List<String> fileSids = new ArrayList<>();
        stack.get("Statement").forEach(s -> sids.add(s.get("Sid").asText()));
        file.get("Statement").forEach(s -> fileSids.add(s.get("Sid").asText()));
        assertEquals(fileSids, sids, "the same statements in the same order");
        // statement by statement, whole: effect, actions, resources and conditions
        for (int i = 0; i < fileSids.size(); i++) {
            assertEquals(normalised(file.get("Statement").get(i)), normalised(stack.get("Statement").get(i)),
                    "statement " + fileSids.get(i) + " of the stack (AppId facefleet, any region and account) vs deploy/iam-policy.json");
        }
    }

    @Test
    void secretsComeFromParameterStoreNeverFromUserData() throws Exception {
        JsonNode t = template();
        // no parameter carries a secret into the stack, so none can reach user data
        t.get("Parameters").fields().forEachRemaining(p -> assertTrue(!p.getValue().path("NoEcho").asBoolean()
                && !p.getKey().toLowerCase(java.util.Locale.ROOT).matches(".*(key|secret|password|token).*"), "a secret parameter: " + p.getKey()));
        List<JsonNode> userData = new ArrayList<>();
        t.get("Resources").forEach(r -> {
            userData.add(r.at("/Properties/UserData/Fn::Base64/Fn::Sub"));
            userData.add(r.at("/Properties/LaunchTemplateData/UserData/Fn::Base64/Fn::Sub"));
        });
        userData.removeIf(JsonNode::isMissingNode);
        assertEquals(2, userData.size(), "the web instance's and the launch template's user data");
        for (JsonNode script : userData) {
            Matcher m = SUB_REF.matcher(script.asText());
            while (m.find()) {
                assertTrue(Set.of("AppId", "ArtifactBucket", "AWS::Region").contains(m.group(1)), "user data names " + m.group(1));
            }
            assertTrue(!script.asText().contains("API_KEYS") && !script.asText().contains("PASSWORD"), "no secrets in user data: " + script.asText());
        }
        // the bootstrap reads the keys with the instance role, from the one parameter the role may read
        String install = Files.readString(Path.of("deploy", "bootstrap", "install.sh"));
        Matcher read = Pattern.compile("aws ssm get-parameter [^\n]*--name \"/\\$app_id/api-keys\" --with-decryption").matcher(install);
        assertTrue(read.find(), "install.sh reads /<app-id>/api-keys from Parameter Store, decrypted");
        List<JsonNode> ssm = new ArrayList<>();
        rolePolicy(t, "facefleet-bootstrap").get("Statement").forEach(s -> {
            if (s.toString().contains("ssm:")) {
                ssm.add(normalised(resolve(s, t)));
            }
        });
        assertEquals(List.of(JSON.readTree("{\"Sid\":\"ReadTheSecrets\",\"Effect\":\"Allow\",\"Action\":[\"ssm:GetParameter\"],"
                + "\"Resource\":[\"arn:aws:ssm:*:*:parameter/facefleet/api-keys\",\"arn:aws:ssm:*:*:parameter/facefleet/management-password\","
                + "\"arn:aws:ssm:*:*:parameter/facefleet/management-user\"]}")), ssm, "the role may read exactly those parameters");
        // into a root-only file that systemd reads before it drops to the service's user
        assertTrue(install.contains("FACEFLEET_API_KEYS=$api_keys") && install.contains("FACEFLEET_MANAGEMENT_PASSWORD=$management_password"),
                "the keys and the management login go to the units' environment file");
        assertTrue(Pattern.compile("aws ssm get-parameter [^\n]*--name \"/\\$app_id/management-password\" --with-decryption").matcher(install).find(),
                "install.sh reads the management password from Parameter Store, decrypted");
        assertTrue(install.contains("chown root:root /etc/facefleet/facefleet.env") && install.contains("chmod 600 /etc/facefleet/facefleet.env"),
                "the environment file is root's alone");
        for (String tier : List.of("web", "app")) {
            assertTrue(Files.readString(Path.of("deploy", "systemd", "facefleet-" + tier + ".service"))
                    .contains("EnvironmentFile=/etc/facefleet/facefleet.env"), tier + " unit reads the environment file");
        }
    }

    private static JsonNode rolePolicy(JsonNode t, String name) {
        for (JsonNode p : t.at("/Resources/InstanceRole/Properties/Policies")) {
            if (p.get("PolicyName").asText().equals(name)) {
                return p.get("PolicyDocument");
            }
        }
        throw new AssertionError("the instance role has no policy " + name);
    }

    /**
     * The template's policy with its intrinsic functions worked out as deploy/iam-policy.json
     * writes them: AppId {@code facefleet}, partition {@code aws}, any region and account ({@code *}),
     * a bucket's Arn from its name.
     */
    private static JsonNode resolve(JsonNode n, JsonNode template) {
        if (n.isObject()) {
            if (n.has("Ref")) {
                String ref = n.get("Ref").asText();
                assertEquals("AppId", ref, "a policy may refer to AppId only, found Ref " + ref);
                return JSON.getNodeFactory().textNode("facefleet");
            }
            if (n.has("Fn::Sub")) {
                return JSON.getNodeFactory().textNode(substitute(n.get("Fn::Sub").asText(), template));
            }
            if (n.has("Fn::GetAtt")) {
                return JSON.getNodeFactory().textNode(attribute(n.get("Fn::GetAtt").get(0).asText(), n.get("Fn::GetAtt").get(1).asText(), template));
            }
            com.fasterxml.jackson.databind.node.ObjectNode out = JSON.createObjectNode();
            n.fields().forEachRemaining(e -> out.set(e.getKey(), resolve(e.getValue(), template)));
            return out;
        }
        if (n.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode out = JSON.createArrayNode();
            n.forEach(x -> out.add(resolve(x, template)));
            return out;
        }
        return n;
    }

    private static String substitute(String text, JsonNode template) {
        Matcher m = SUB_REF.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "AppId" -> "facefleet";
                case "AWS::Partition" -> "aws";
                case "AWS::Region", "AWS::AccountId" -> "*";
                default -> {
                    if (m.group(2) == null) {
                        throw new AssertionError("a policy refers to " + m.group(1) + ", which iam-policy.json cannot name");
                    }
                    yield attribute(m.group(1), m.group(2).substring(1), template);
                }
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A bucket's Arn: the only attribute the policies use. */
    private static String attribute(String resource, String attribute, JsonNode template) {
        JsonNode r = template.at("/Resources/" + resource);
        assertEquals("AWS::S3::Bucket", r.path("Type").asText(), "GetAtt " + resource + "." + attribute);
        assertEquals("Arn", attribute);
        return "arn:aws:s3:::" + substitute(r.at("/Properties/BucketName/Fn::Sub").asText(), template);
    }

    /** Action and Resource as sorted lists, whether the document wrote one value or several. */
    private static JsonNode normalised(JsonNode statement) {
        com.fasterxml.jackson.databind.node.ObjectNode out = statement.deepCopy();
        for (String field : List.of("Action", "Resource")) {
            JsonNode v = statement.get(field);
            List<String> values = new ArrayList<>();
            if (v != null && v.isArray()) {
                v.forEach(x -> values.add(x.asText()));
            } else if (v != null) {
                values.add(v.asText());
            }
            java.util.Collections.sort(values);
            com.fasterxml.jackson.databind.node.ArrayNode list = out.putArray(field);
            values.forEach(list::add);
        }
        return out;
    }

    @Test
    void webHostsMayManageOnlyTheirOwnReplyQueuesAndTheSeedsQueuesStay() throws Exception {
        JsonNode t = template();
        assertEquals("${AppId}-req-queue", t.at("/Resources/RequestQueue/Properties/QueueName/Fn::Sub").asText());
        assertEquals("${AppId}-resp-queue", t.at("/Resources/ReplyQueue/Properties/QueueName/Fn::Sub").asText(), "the seed's name is kept");
        assertEquals(1024, t.at("/Resources/RequestQueue/Properties/MaximumMessageSize").asInt());
        // the names web hosts give their queues (facefleet.sqs.reply-queue-prefix) are those the policy lets them create and delete
        String prefix = io.facefleet.boot.Settings.load(new String[] {"facefleet.profile=aws"}).get("facefleet.sqs.reply-queue-prefix");
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
