#!/usr/bin/env bash
# Validates every workflow under .github/workflows/ against GitHub's schema with @action-validator/cli from the npm
# registry (pinned; installed once into artifacts/tools/). Needs node, npm and the registry; not part of the tests,
# which run offline.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=artifacts/tools/action-validator
version=0.6.0
if [ ! -x "$dir/node_modules/.bin/action-validator" ]; then
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-audit --no-fund --silent "@action-validator/cli@$version"
fi
status=0
for f in .github/workflows/*.yml; do
  if "$dir/node_modules/.bin/action-validator" "$f"; then echo "ok: $f"; else echo "INVALID: $f"; status=1; fi
done
exit $status
