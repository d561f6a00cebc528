#!/usr/bin/env bash
# Debian packages the test run needs beyond the JDK, Maven and Node/npm; installed when missing.
set -euo pipefail
PACKAGES=()
# PostgreSQL 15: the in-server suite runs a second time against a throw-away PostgreSQL (ear/src/test/scripts)
[[ -x /usr/lib/postgresql/15/bin/initdb ]] || PACKAGES+=(postgresql-15)
# Chromium and its driver: the portal's browser journeys (ear/src/test/java/org/medledger/it/PortalJourneyIT)
[[ -x /usr/bin/chromedriver ]] || PACKAGES+=(chromium chromium-driver)
if (( ${#PACKAGES[@]} > 0 )); then
    if [[ $(id -u) -eq 0 ]]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${PACKAGES[@]}"
fi
echo "[ci] prerequisites present"
