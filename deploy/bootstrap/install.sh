#!/bin/bash
# Installs facefleet on an Amazon Linux 2023 instance, from the instance's user data:
#   install.sh <web|app> <app-id> <artifact-bucket> <region>
# The jar and this folder come from s3://<artifact-bucket>/ (see deploy/README.md).
set -euo pipefail
tier="$1" app_id="$2" artifacts="$3" region="$4"

dnf install -y java-17-amazon-corretto-headless
id facefleet >/dev/null 2>&1 || useradd --system --home-dir /var/lib/facefleet --shell /sbin/nologin facefleet
install -d -o facefleet -g facefleet /var/lib/facefleet
install -d /opt/facefleet /etc/facefleet
aws s3 cp "s3://$artifacts/facefleet.jar" /opt/facefleet/facefleet.jar
aws s3 cp "s3://$artifacts/deploy/systemd/facefleet-$tier.service" "/etc/systemd/system/facefleet-$tier.service"

# the instance id names this host's own reply queue (<app-id>-resp-queue-<instance id>); IMDSv2
imds_token=$(curl -sf -X PUT http://169.254.169.254/latest/api/token -H "X-aws-ec2-metadata-token-ttl-seconds: 60")
instance_id=$(curl -sf -H "X-aws-ec2-metadata-token: $imds_token" http://169.254.169.254/latest/meta-data/instance-id)

# The management login (every host) and the web tier's API keys: parameters in Parameter Store,
# which this stack's role may read, never passed in user data (any local user can read that).
management_user=$(aws ssm get-parameter --region "$region" --name "/$app_id/management-user" \
  --query Parameter.Value --output text)
management_password=$(aws ssm get-parameter --region "$region" --name "/$app_id/management-password" --with-decryption \
  --query Parameter.Value --output text)
api_keys=
if [ "$tier" = web ]; then
  api_keys=$(aws ssm get-parameter --region "$region" --name "/$app_id/api-keys" --with-decryption \
    --query Parameter.Value --output text)
fi

# The environment of the units, root-only: systemd reads it as root, then starts the service as
# the facefleet user. JAVA_OPTS: one intra-op thread per job, parallelism comes from concurrent
# jobs (see docs/benchmarks.md).
umask 077
cat > /etc/facefleet/facefleet.env <<ENV
FACEFLEET_APP_ID=$app_id
AWS_REGION=$region
FACEFLEET_HOST_ID=$instance_id
FACEFLEET_EC2_MODE=${FACEFLEET_EC2_MODE:-launch-template}
FACEFLEET_API_KEYS=$api_keys
FACEFLEET_MANAGEMENT_USERNAME=$management_user
FACEFLEET_MANAGEMENT_PASSWORD=$management_password
JAVA_OPTS=-Xmx2g -Dai.djl.offline=true
ENV
chown root:root /etc/facefleet/facefleet.env
chmod 600 /etc/facefleet/facefleet.env

systemctl daemon-reload
systemctl enable --now "facefleet-$tier.service"
