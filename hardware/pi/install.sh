#!/usr/bin/env bash
# Installs the gateway on a Raspberry Pi (Raspberry Pi OS / Debian 12, arm64) from a bundle built on
# a development machine with `npm run bundle --workspace @city/gateway` (gateway/dist/).
#   sudo ./install.sh <path to gateway/dist> <gateway.yaml> [database-url-file]
set -euo pipefail

dist=${1:?usage: install.sh <gateway/dist> <gateway.yaml> [database-url-file]}
config=${2:?usage: install.sh <gateway/dist> <gateway.yaml> [database-url-file]}
url_file=${3:-}
here=$(cd "$(dirname "$0")" && pwd)

[[ $(id -u) -eq 0 ]] || { echo "run as root (sudo)" >&2; exit 1; }
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
[[ $node_major -ge 20 ]] || { echo "Node 20 or newer is needed (found ${node_major}); install nodejs first" >&2; exit 1; }
command -v systemd-notify >/dev/null || { echo "systemd-notify is missing (package systemd)" >&2; exit 1; }

id city-gateway >/dev/null 2>&1 || useradd --system --home /var/lib/city-gateway --shell /usr/sbin/nologin city-gateway
install -d -m 0755 /opt/city-gateway
install -d -m 0750 -o root -g city-gateway /etc/city-gateway
cp "$dist"/*.mjs "$dist"/*.yaml /opt/city-gateway/
cp "$here/README.md" /opt/city-gateway/README.md

# The native parts are built for this Pi's CPU: the durable buffer (better-sqlite3 12; 13 crashes on
# Node 20) and the serial line (serialport). node-opcua (plain JavaScript) is pinned to the last
# release for Node 20.
cat > /opt/city-gateway/package.json <<'JSON'
{ "name": "city-gateway-runtime", "private": true, "type": "module",
  "dependencies": { "better-sqlite3": "^12.9.0", "serialport": "^13.0.0", "node-opcua": "2.182.2" } }
JSON
(cd /opt/city-gateway && npm install --omit=dev --no-audit --no-fund)

install -m 0640 -o root -g city-gateway "$config" /etc/city-gateway/gateway.yaml
if [[ -n $url_file ]]; then install -m 0640 -o root -g city-gateway "$url_file" /etc/city-gateway/database-url; fi
node /opt/city-gateway/gateway-cli.mjs check /etc/city-gateway/gateway.yaml

install -m 0644 "$here/city-gateway.service" /etc/systemd/system/city-gateway.service
systemctl daemon-reload
systemctl enable --now city-gateway
systemctl --no-pager status city-gateway || true
echo "health: curl http://localhost:9102/healthz   metrics: curl http://localhost:9102/metrics"
