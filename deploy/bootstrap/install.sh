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

# The web tier's API keys: a SecureString in Parameter Store, which this stack's role may read.
# Read here with the instance role, never passed in user data (any local user can read that).
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
FACEFLEET_EC2_MODE=${FACEFLEET_EC2_MODE:-launch-template}
FACEFLEET_API_KEYS=$api_keys
JAVA_OPTS=-Xmx2g -Dai.djl.offline=true
ENV
chown root:root /etc/facefleet/facefleet.env
chmod 600 /etc/facefleet/facefleet.env

systemctl daemon-reload
systemctl enable --now "facefleet-$tier.service"
