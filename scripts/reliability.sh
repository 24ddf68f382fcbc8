#!/usr/bin/env bash
# The reliability and security suite: each part prints its figures.
#
#   scripts/reliability.sh            the short run (part of scripts/test.sh)
#   scripts/reliability.sh --long     the long run quoted in docs/RELIABILITY.md (about an hour
#                                     on a 2-core laptop; builds the tests optimised)
#   scripts/reliability.sh --long crash tamper   only the parts named
#
# Parts: tamper (flips, truncations, zeroed pages), hostile (property-based input fuzzing),
# crash (SIGKILL during writes and during passwd), limits (huge inputs, memory measured),
# plaintext (markers never on disk in the clear), network (strace: no network at all).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

long=false
parts=()
for arg in "$@"; do
  case "$arg" in
    --long) long=true ;;
    --short) long=false ;;
    tamper|hostile|crash|limits|plaintext|network) parts+=("$arg") ;;
    *) echo "usage: scripts/reliability.sh [--short|--long] [tamper|hostile|crash|limits|plaintext|network ...]" >&2; exit 2 ;;
  esac
done
[ ${#parts[@]} -gt 0 ] || parts=(tamper hostile crash limits plaintext network)

profile=()
if $long; then
  profile=(--release)
  export FOLIO_TAMPER_RUNS=10000 FOLIO_FUZZ_CASES=20000 FOLIO_CRASH_RUNS=1000 FOLIO_PASSWD_CRASH_RUNS=200 FOLIO_NOTES_CRASH_RUNS=300 FOLIO_LEDGER_CRASH_RUNS=300 FOLIO_REGISTERS_CRASH_RUNS=300 FOLIO_ARTWORK_CRASH_RUNS=300 FOLIO_DESTROY_CRASH_RUNS=300 FOLIO_HANDOVER_CRASH_RUNS=300 FOLIO_BACKUP_CRASH_RUNS=300 FOLIO_LIMITS_FULL=1
fi

figures="$(mktemp)"
trap 'rm -f "$figures"' EXIT

# Runs one test group with its output shown, keeping the figure lines for the summary.
run_tests() { # package filter
  local log
  log="$(mktemp)"
  if ! cargo test "${profile[@]}" --locked -p "$1" --test integration "$2" -- --nocapture --test-threads 1 2>&1 | tee "$log"; then
    rm -f "$log"
    echo "reliability: the $2 part failed (its output is above)" >&2
    exit 1
  fi
  # A figure line may follow a test's name on the same line (--nocapture interleaves them).
  grep -oE '(tamper|hostile-input|crash(-passwd)?|limits|plaintext) +[a-zA-Z0-9=-]+ .*[a-z-]+=[0-9].*' "$log" >>"$figures" || true
  rm -f "$log"
}

started=$SECONDS
for part in "${parts[@]}"; do
  printf '\n\033[1;34m==> reliability: %s (%s run)\033[0m\n' "$part" "$($long && echo long || echo short)"
  case "$part" in
    tamper) run_tests folio-core tamper:: ;;
    hostile) run_tests folio-core hostile_input ;;
    crash) run_tests folio-cli crash:: ;;
    limits) run_tests folio-cli limits:: ;;
    plaintext) run_tests folio-core plaintext:: && run_tests folio-cli plaintext:: ;;
    network)
      # The long run traces the app through the whole end-to-end suite (which also prints
      # the app's plaintext figures); the short run traces the CLI.
      log="$(mktemp)"
      args=()
      $long && args=(--app)
      if ! scripts/no-network.sh "${args[@]}" 2>&1 | tee "$log"; then
        rm -f "$log"; echo "reliability: the network part failed (its output is above)" >&2; exit 1
      fi
      grep -oE '(plaintext|no-network) +[a-zA-Z0-9=-]+ .*[a-z-]+=[0-9].*' "$log" >>"$figures" || true
      rm -f "$log" ;;
  esac
done

printf '\n\033[1;32mReliability figures (%s run, %d s):\033[0m\n' "$($long && echo long || echo short)" $((SECONDS - started))
cat "$figures"
