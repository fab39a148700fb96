#!/usr/bin/env bash
# Test-only system tools the suite drives: Debian's Chromium for the console's browser tests.
# Idempotent; needs root (CI runs as root on a fresh machine). Nothing is downloaded by pip.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "error: /usr/bin/chromium is missing; run as root: sudo $0" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends chromium
test -x /usr/bin/chromium || { echo "error: chromium did not install" >&2; exit 1; }
