#!/usr/bin/env bash
# Applies configure.cli to a freshly unpacked WildFly, offline (embed-server).
# Re-applies from the pristine standalone.xml whenever the script changes, so the
# server configuration is always exactly what the versioned CLI script says.
set -euo pipefail
WILDFLY_HOME="$1"
HERE="$(cd "$(dirname "$0")" && pwd)"
CONFIG_DIR="$WILDFLY_HOME/standalone/configuration"
STAMP="$CONFIG_DIR/.medledger-cli.sha256"
WANT="$(cat "$HERE"/*.cli "$HERE"/modules/org/postgresql/main/module.xml | sha256sum | cut -d' ' -f1)"
# Extra JBoss modules (the PostgreSQL driver's module.xml; the build copies the driver jar beside it)
cp -r "$HERE/modules/." "$WILDFLY_HOME/modules/"

if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$WANT" ]]; then
    # A test run killed while the EAR was deployed leaves it recorded; the next run would fail as a duplicate.
    perl -0pi -e 's{\s*<deployments>.*?</deployments>}{}s' "$CONFIG_DIR/standalone.xml"
    echo "[medledger] WildFly configuration is current ($WILDFLY_HOME)"
    exit 0
fi
[[ -f "$CONFIG_DIR/standalone.xml.pristine" ]] || cp "$CONFIG_DIR/standalone.xml" "$CONFIG_DIR/standalone.xml.pristine"
cp "$CONFIG_DIR/standalone.xml.pristine" "$CONFIG_DIR/standalone.xml"
rm -rf "$WILDFLY_HOME/standalone/data" "$WILDFLY_HOME/standalone/tmp"

echo "[medledger] configuring WildFly offline with configure.cli ..."
JAVA_OPTS="-Xmx512m" bash "$WILDFLY_HOME/bin/jboss-cli.sh" --file="$HERE/configure.cli" >"$CONFIG_DIR/medledger-cli.log" 2>&1 || {
    cat "$CONFIG_DIR/medledger-cli.log"; echo "[medledger] WildFly configuration FAILED"; exit 1; }
echo "$WANT" > "$STAMP"
echo "[medledger] WildFly configured"
