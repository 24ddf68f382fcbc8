#!/usr/bin/env bash
# Runs the Folio app.
#   scripts/run.sh          on your vault (~/.local/share/folio/vault unless you choose another)
#   scripts/run.sh --demo   on a demo vault in target/demo-vault (its password is printed)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
target_dir="${CARGO_TARGET_DIR:-$root/target}"

scripts/setup.sh --app-only
npm run --silent ui:build
cargo build -p folio-app -p folio-cli

args=()
if [ "${1:-}" = "--demo" ]; then
  demo="$root/target/demo-vault"
  password="demo vault password 2026"
  if [ ! -e "$demo/folio.key" ]; then
    echo "Creating the demo vault (fictional clients, episodes and sessions)…"
    printf '%s\n' "$password" | "$target_dir/debug/folio" demo --out "$demo" --password-stdin
  fi
  echo
  echo "Demo vault: $demo"
  echo "Its password: $password"
  if [ -d "$demo-handover-shares" ]; then
    echo "Its clinical will's shares (any 2 of the 3 open it, on the unlock screen): $demo-handover-shares"
  fi
  echo
  args=(--vault "$demo")
fi
exec "$target_dir/debug/folio-app" "${args[@]}"
