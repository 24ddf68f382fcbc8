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
# The one plugin is the official dialog (native pickers, opened from Rust), which brings
# tauri-plugin-fs with it; the window's capability grants neither (a test checks).
plugins=$(grep -E '^tauri-plugin' <<<"$all_deps" | grep -vxE 'tauri-plugin-(dialog|fs)' || true)
[ -n "$plugins" ] && bad "only tauri-plugin-dialog (and the tauri-plugin-fs it needs) may be in the tree: $plugins"
grep -qE '"(dialog|fs):' src-tauri/capabilities/*.json && bad "the window must not be granted dialog or fs permissions"

# Only one UI module talks to Tauri.
importers=$(grep -rlE "@tauri-apps/api" ui/src --include='*.ts' --include='*.svelte' | grep -v '^ui/src/lib/ipc.ts$' || true)
[ -n "$importers" ] && bad "only ui/src/lib/ipc.ts may import @tauri-apps/api; also: $importers"

# The CSP allows the app and IPC only.
csp=$(node -e 'console.log(require("./src-tauri/tauri.conf.json").app.security.csp)')
grep -q "default-src 'self'" <<<"$csp" || bad "CSP lacks default-src 'self'"
grep -q "object-src 'none'" <<<"$csp" || bad "CSP lacks object-src 'none'"
remote=$(grep -oE 'https?://[^ ;]+' <<<"$csp" | grep -vx 'http://ipc.localhost' || true)
[ -n "$remote" ] && bad "CSP names a remote origin: $remote"

# Every write is audited by construction: only the vault opens a write transaction (the
# migration runner in db.rs aside), the audit append is private to the vault, and no
# adapter can reach the raw connection (the core's test-support feature is for its own
# integration tests only).
writers=$(grep -rlE 'transaction_with_behavior|Transaction::new_unchecked|\.transaction\(\)' crates/folio-core/src \
  | grep -vE '^crates/folio-core/src/(vault/write\.rs|db\.rs)$' || true)
[ -n "$writers" ] && bad "only vault/write.rs opens write transactions; also: $writers"
grep -qE '^pub\(super\) fn append' crates/folio-core/src/vault/audit.rs || bad "audit::append must stay pub(super) (private to the vault)"
grep -rqE 'connection_mut|fn connection\(' crates/folio-core/src && bad "the vault's raw connection is public again"
enablers=$(grep -lE 'test-support' crates/folio-cli/Cargo.toml src-tauri/Cargo.toml || true)
[ -n "$enablers" ] && bad "an adapter enables folio-core's test-support feature: $enablers"
adapter_parsing=$(grep -rnE 'parse_uk|(State|Mode|Outcome|Kind|Role|Funding|Modality|Referrer|Direction|Counterpart|Sort)::parse|connection_for_tests' crates/folio-cli/src src-tauri/src || true)
[ -n "$adapter_parsing" ] && bad "adapters pass what was typed to the core; they do not parse dates or choices: $adapter_parsing"

# No hand-written source file over 600 lines.
long=$(git ls-files '*.rs' '*.ts' '*.svelte' '*.mjs' | grep -v '/generated/' | xargs wc -l | awk '$2 != "total" && $1 > 600 {print $2" ("$1")"}')
[ -n "$long" ] && bad "files over 600 lines: $long"

[ "$fail" -eq 0 ] && echo "architecture invariants hold"
exit "$fail"
