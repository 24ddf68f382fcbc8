#!/usr/bin/env bash
# End-to-end tests of the real app binary: Xvfb, then tauri-driver (which drives
# WebKitWebDriver), then the node:test files in tests/e2e/. The app runs with a throwaway
# HOME and TMPDIR so tests never touch a real profile (and can scan all it wrote there).
# Screenshots go to target/e2e-screenshots/. Expects a built UI and app (scripts/test.sh
# builds them first). FOLIO_E2E_APP_LAUNCHER, if set, is started in the app's place with
# the app's arguments and must exec the app (scripts/no-network.sh --app traces it so).
# Arguments, if any, are the test files to run (default: every file in tests/e2e/), e.g.
# scripts/e2e.sh tests/e2e/notes.test.mjs tests/e2e/navigation.test.mjs
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
export PATH="$HOME/.cargo/bin:$PATH"

target_dir="${CARGO_TARGET_DIR:-$root/target}"
app="$target_dir/debug/folio-app"
cli="$target_dir/debug/folio"
for bin in "$app" "$cli"; do
  [ -x "$bin" ] || { echo "Missing $bin: run 'npm run ui:build && cargo build --workspace' first (scripts/test.sh does)." >&2; exit 1; }
done
for tool in Xvfb tauri-driver WebKitWebDriver; do
  command -v "$tool" >/dev/null 2>&1 || { echo "Missing $tool: run scripts/setup.sh." >&2; exit 1; }
done

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
display_num=99
while [ -e "/tmp/.X${display_num}-lock" ] || [ -e "/tmp/.X11-unix/X${display_num}" ]; do display_num=$((display_num + 1)); done

work="$(mktemp -d -t folio-e2e-XXXXXX)"
shots="$root/target/e2e-screenshots"
rm -rf "$shots" && mkdir -p "$shots" "$work/home" "$work/tmp"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

Xvfb ":$display_num" -screen 0 1280x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
pids+=($!)
export DISPLAY=":$display_num" # before tauri-driver, or GTK cannot start the app
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display_num}" ] && break; sleep 0.1; done

port=$(free_port)
native_port=$(free_port)
(
  export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share"
  export XDG_CACHE_HOME="$work/home/.cache" TMPDIR="$work/tmp" TAURI_WEBVIEW_AUTOMATION=true
  # The native pickers' test seam: the app returns the paths a test writes here.
  export FOLIO_E2E_PICKS="$work/picks.txt"
  # The day the vault is unlocked on (dd/mm/yyyy; empty is today), read at each unlock.
  export FOLIO_E2E_TODAY="$work/today.txt"
  exec tauri-driver --port "$port" --native-port "$native_port"
) >"$work/tauri-driver.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
  (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done

export FOLIO_APP_BIN="${FOLIO_E2E_APP_LAUNCHER:-$app}" FOLIO_CLI_BIN="$cli" FOLIO_DRIVER_PORT="$port" FOLIO_SCREENSHOTS="$shots"
export FOLIO_E2E_WORK="$work" FOLIO_E2E_HOME="$work/home" FOLIO_E2E_TMP="$work/tmp" FOLIO_E2E_PICKS="$work/picks.txt"
export FOLIO_E2E_TODAY="$work/today.txt"
status=0
if [ "$#" -gt 0 ]; then tests=("$@"); else tests=(tests/e2e/); fi
node --test --test-concurrency=1 --test-reporter=spec "${tests[@]}" || status=$?
if [ "$status" -ne 0 ]; then
  echo "--- tauri-driver log (last 40 lines) ---"
  tail -n 40 "$work/tauri-driver.log" || true
fi
echo "Screenshots: $shots"
exit "$status"
