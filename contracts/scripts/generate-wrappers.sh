#!/usr/bin/env bash
# Generates a web3j wrapper for every compiled contract:
#   generate-wrappers.sh CLASSPATH ABI_DIR OUT_DIR PACKAGE [JAVA]
# JAVA defaults to the java on the PATH; the build passes the JDK Maven runs on.
set -euo pipefail
CLASSPATH_ARG="$1"; ABI_DIR="$2"; OUT_DIR="$3"; PACKAGE="$4"; JAVA="${5:-java}"
mkdir -p "$OUT_DIR"
for abi in "$ABI_DIR"/*.abi; do
    name="$(basename "$abi" .abi)"
    if ! output="$("$JAVA" -cp "$CLASSPATH_ARG" org.web3j.codegen.SolidityFunctionWrapperGenerator \
            -a "$abi" -b "$ABI_DIR/$name.bin" -o "$OUT_DIR" -p "$PACKAGE" 2>&1)"; then
        echo "$output" >&2
        echo "[medledger] wrapper generation failed for $name" >&2
        exit 1
    fi
done
echo "[medledger] generated web3j wrappers in $OUT_DIR"
