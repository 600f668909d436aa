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
command -v runuser >/dev/null || { echo "runuser is missing (package util-linux)" >&2; exit 1; }
[[ -f $dist/package-lock.json ]] || { echo "$dist/package-lock.json is missing: rebuild the bundle (npm run bundle --workspace @city/gateway)" >&2; exit 1; }

# The service's own user: no login, no home of its own, nothing it may write but its state directory.
id city-gateway >/dev/null 2>&1 ||
  useradd --system --user-group --home-dir /var/lib/city-gateway --no-create-home --shell /usr/sbin/nologin city-gateway
install -d -m 0755 -o root -g root /opt/city-gateway
install -d -m 0750 -o root -g city-gateway /etc/city-gateway
cp "$dist"/*.mjs "$dist"/*.yaml "$dist"/package.json "$dist"/package-lock.json /opt/city-gateway/
cp "$here/README.md" /opt/city-gateway/README.md

# The runtime dependencies the bundle leaves outside (better-sqlite3 and serialport, native and built
# for this Pi's CPU; node-opcua) come from the lockfile beside it: the versions the gateway was tested
# with, each checked against its integrity hash. npm, and the install scripts it runs, never run as
# root: they run as the service user in a scratch directory, and what they built is then copied into
# /opt/city-gateway, owned by root, so the service cannot change its own code.
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp "$dist/package.json" "$dist/package-lock.json" "$stage/"
chown -R city-gateway:city-gateway "$stage"
(cd "$stage" && runuser -u city-gateway -- env HOME="$stage" npm_config_cache="$stage/.npm" \
  npm ci --omit=dev --no-audit --no-fund)
rm -rf /opt/city-gateway/node_modules
cp -R "$stage/node_modules" /opt/city-gateway/node_modules
chown -R root:root /opt/city-gateway
chmod -R go-w /opt/city-gateway

install -m 0640 -o root -g city-gateway "$config" /etc/city-gateway/gateway.yaml
if [[ -n $url_file ]]; then install -m 0640 -o root -g city-gateway "$url_file" /etc/city-gateway/database-url; fi
# Checked as the service user: it also proves the service can read its config.
(cd / && runuser -u city-gateway -- node /opt/city-gateway/gateway-cli.mjs check /etc/city-gateway/gateway.yaml)

install -m 0644 "$here/city-gateway.service" /etc/systemd/system/city-gateway.service
systemctl daemon-reload
systemctl enable --now city-gateway
systemctl --no-pager status city-gateway || true
echo "health (on this Pi only): curl http://127.0.0.1:9102/healthz   metrics: curl http://127.0.0.1:9102/metrics"
