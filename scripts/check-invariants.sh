#!/usr/bin/env bash
# Architecture invariants that a grep can prove (docs/ARCHITECTURE.md). Fails loudly.
set -euo pipefail
cd "$(dirname "$0")/.."
fail=0
bad() { printf '\033[1;31mINVARIANT BROKEN:\033[0m %s\n' "$*" >&2; fail=1; }

# folio-core has no Tauri, clap or UI dependency.
core_deps=$(cargo tree -q --locked -p folio-core -e normal --prefix none | awk '{print $1}' | sort -u)
for forbidden in tauri wry tao clap; do
  grep -qx "$forbidden" <<<"$core_deps" && bad "folio-core depends on $forbidden"
done

# No network client anywhere, and no Tauri plugin (fs, shell, http, opener...) in the app.
all_deps=$(cargo tree -q --locked --workspace -e normal --prefix none | awk '{print $1}' | sort -u)
for forbidden in reqwest hyper ureq isahc curl h2 rustls native-tls attohttpc surf; do
  grep -qx "$forbidden" <<<"$all_deps" && bad "a network client crate is in the tree: $forbidden"
done
plugins=$(grep -E '^tauri-plugin' <<<"$all_deps" || true)
[ -n "$plugins" ] && bad "Tauri plugins are in the tree: $plugins"

# Only one UI module talks to Tauri.
importers=$(grep -rlE "@tauri-apps/api" ui/src --include='*.ts' --include='*.svelte' | grep -v '^ui/src/lib/ipc.ts$' || true)
[ -n "$importers" ] && bad "only ui/src/lib/ipc.ts may import @tauri-apps/api; also: $importers"

# The CSP allows the app and IPC only.
csp=$(node -e 'console.log(require("./src-tauri/tauri.conf.json").app.security.csp)')
grep -q "default-src 'self'" <<<"$csp" || bad "CSP lacks default-src 'self'"
grep -q "object-src 'none'" <<<"$csp" || bad "CSP lacks object-src 'none'"
remote=$(grep -oE 'https?://[^ ;]+' <<<"$csp" | grep -vx 'http://ipc.localhost' || true)
[ -n "$remote" ] && bad "CSP names a remote origin: $remote"

[ "$fail" -eq 0 ] && echo "architecture invariants hold"
exit "$fail"
