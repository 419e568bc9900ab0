#!/usr/bin/env bash
# `npm run bench`: every benchmark in bench/, with the project's Node and dependencies.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
bootstrap
ensure_postgres
ensure_nginx
cd "$PORTICO_ROOT"
for file in bench/*.ts; do
  echo "== $file"
  node --require @backstage/cli/config/nodeTransform.cjs "$file"
done
