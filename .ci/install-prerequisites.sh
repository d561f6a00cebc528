#!/usr/bin/env bash
# Debian packages the test run needs beyond the JDK, Maven and Node/npm; installed when missing.
set -euo pipefail
PACKAGES=()
# (grows with the test suite: PostgreSQL for the postgres profile, Chromium for the portal tests)
if (( ${#PACKAGES[@]} > 0 )); then
    if [[ $(id -u) -eq 0 ]]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${PACKAGES[@]}"
fi
echo "[ci] prerequisites present"
