#!/usr/bin/env bash
# No network (issue 8): Folio makes no network connection.
#   scripts/no-network.sh        runs a representative sequence of `folio` commands, each
#                                under `strace -f -e trace=network`, and fails if any creates
#                                a socket other than AF_UNIX, or connects, sends or binds to
#                                an address off this machine.
#   scripts/no-network.sh --app  runs the app's end-to-end tests (scripts/e2e.sh) with every
#                                launch of the app traced the same way: loopback is allowed
#                                (WebKitWebDriver drives the app over 127.0.0.1), anything
#                                else, and DNS even on loopback, fails.
# Builds nothing: takes the binaries from $CARGO_TARGET_DIR (or target/)/debug. A control
# run first proves the checker catches a connect off the machine (a UDP connect, which
# sends no packet).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
cli="$target_dir/debug/folio"
app="$target_dir/debug/folio-app"

mode=cli
case "${1:-}" in
  "") ;;
  --app) mode=app ;;
  *) echo "usage: scripts/no-network.sh [--app]" >&2; exit 2 ;;
esac
for tool in strace python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "Missing $tool: run scripts/setup.sh." >&2; exit 1; }
done
[ -x "$cli" ] || { echo "Missing $cli: run 'cargo build --workspace' first." >&2; exit 1; }

work="$(mktemp -d -t folio-no-network-XXXXXX)"
trap 'rm -rf "$work"' EXIT
traces="$work/traces"
mkdir -p "$traces" "$work/home" "$work/tmp" "$work/in" "$work/out"
# --seccomp-bpf stops only at network calls, so the traced program runs at nearly full speed.
trace=(strace -f -qq --seccomp-bpf -e trace=network -e signal=none)

# Reads strace files; prints "<syscalls> <inet> <netlink> <other-sockets> <outside>" and, on
# standard error, every offending line. A socket is "other" when its family is not AF_UNIX
# (nor, for the app, AF_INET/AF_INET6 used on loopback only, or AF_NETLINK, the kernel's
# own channel); "outside" is a connect, send or bind to an address that is not loopback, or
# to port 53 (DNS) anywhere.
check() { # mode files...
  python3 - "$@" <<'PY'
import ipaddress, re, sys
mode, files = sys.argv[1], sys.argv[2:]
allowed = {"cli": {"AF_UNIX"}, "app": {"AF_UNIX", "AF_INET", "AF_INET6", "AF_NETLINK"}}[mode]
addr = re.compile(r'(?:inet_addr\("([^"]+)"\)|inet_pton\(AF_INET6?, "([^"]+)")')
port = re.compile(r'sin6?_port=htons\((\d+)\)')
syscalls = inet = netlink = other = outside = 0
for path in files:
    for line in open(path, errors="replace"):
        if "resumed>" in line or line.startswith(("---", "+++")):
            continue
        syscalls += 1
        call = line.split(None, 1)[1] if line[:1].isdigit() else line
        bad = None
        m = re.match(r"socket\((AF_\w+)", call)
        if m:
            if m.group(1) in ("AF_INET", "AF_INET6"):
                inet += 1
            if m.group(1) == "AF_NETLINK":
                netlink += 1
            if m.group(1) not in allowed:
                other += 1
                bad = "a socket of family " + m.group(1)
        if re.match(r"(connect|sendto|sendmsg|sendmmsg|bind)\(", call):
            for a, b in addr.findall(call):
                ip = ipaddress.ip_address(a or b)
                mapped = getattr(ip, "ipv4_mapped", None)
                if not (ip.is_loopback or (mapped is not None and mapped.is_loopback)):
                    outside += 1
                    bad = "an address off this machine"
            if any(p == "53" for p in port.findall(call)):
                outside += 1
                bad = "DNS"
        if bad:
            print(f"no-network: {bad}: {path.rsplit('/', 1)[-1]}: {line.rstrip()}", file=sys.stderr)
print(syscalls, inet, netlink, other, outside)
PY
}

# The control: a UDP connect to a documentation address (192.0.2.1) must be caught.
"${trace[@]}" -o "$traces/control.trace" python3 -c \
  'import socket; socket.socket(socket.AF_INET, socket.SOCK_DGRAM).connect(("192.0.2.1", 9))' 2>/dev/null || true
counts=$(check cli "$traces/control.trace" 2>/dev/null)
read -r _ _ _ c_other c_outside <<<"$counts"
if [ "$c_other" -lt 1 ] || [ "$c_outside" -lt 1 ]; then
  echo "no-network: the checker missed the control's socket or connect; it cannot be trusted." >&2
  exit 1
fi
rm "$traces/control.trace"

if [ "$mode" = app ]; then
  [ -x "$app" ] || { echo "Missing $app: run 'npm run ui:build && cargo build --workspace' first." >&2; exit 1; }
  # tauri-driver starts this in the app's place; strace starts the app and follows every
  # process it makes (WebKit's web and network processes included). setpriv ends the app
  # if strace is killed (WebKitWebDriver kills what it started at the end of a session).
  cat >"$work/launch-app" <<EOF
#!/bin/sh
exec ${trace[*]} -o "$traces/app.\$\$.trace" setpriv --pdeathsig KILL -- "$app" "\$@"
EOF
  chmod +x "$work/launch-app"
  e2e=0
  FOLIO_E2E_APP_LAUNCHER="$work/launch-app" scripts/e2e.sh || e2e=$?
  shopt -s nullglob
  files=("$traces"/app.*.trace)
  [ ${#files[@]} -gt 0 ] || { echo "no-network: the app was never launched through the tracer." >&2; exit 1; }
  counts=$(check app "${files[@]}")
  read -r syscalls inet netlink other outside <<<"$counts"
  echo "no-network  app  launches=${#files[@]}  syscalls-traced=$syscalls  inet-sockets=$inet (loopback only)" \
    " netlink-sockets=$netlink  other-sockets=$other  connects-outside=$outside"
  [ "$e2e" -eq 0 ] || { echo "no-network: the end-to-end tests failed (exit $e2e)." >&2; exit 1; }
  [ "$other" -eq 0 ] && [ "$outside" -eq 0 ] || exit 1
  exit 0
fi

# The CLI: every command of a therapist's day, each traced on its own.
export HOME="$work/home" TMPDIR="$work/tmp"
unset FOLIO_VAULT XDG_CONFIG_HOME XDG_DATA_HOME XDG_CACHE_HOME
vault="$work/vault"
password="tangerine piano lighthouse"
new_password="quiet river copper saucepan"
day() { date -d "$1 days ago" +%d/%m/%Y; }
n=0
folio() { # stdin-text args...
  local input="$1" name
  shift
  n=$((n + 1))
  name="$(printf '%02d' "$n")$(printf -- '-%s' "$@" | tr -c 'a-z0-9-' '_' | cut -c1-40)"
  if ! printf '%s' "$input" | "${trace[@]}" -o "$traces/$name.trace" "$cli" --vault "$vault" "$@" \
    >"$work/out/last.txt" 2>&1; then
    echo "no-network: 'folio $*' failed:" >&2
    cat "$work/out/last.txt" >&2
    exit 1
  fi
}
pw="$password"$'\n'
cat >"$work/in/referral.json" <<EOF
{"givenName": "Jessamine", "familyName": "Quartermaine", "dateOfBirth": "14/03/2015",
 "referralDate": "$(day 60)", "postcode": "MK40 1AA", "email": "parent@example.com",
 "settingName": "Oakfield Primary School", "modality": "art", "funding": "school"}
EOF
cat >"$work/in/ada.json" <<EOF
{"givenName": "Ada", "familyName": "Lovelace", "dateOfBirth": "10/12/2015", "referralDate": "$(day 60)",
 "parentalResponsibility": [{"name": "Mary Lovelace", "relationship": "mother"}]}
EOF
printf 'First name,Surname,DOB,Referral date\nBram,Stoker,02/02/2014,%s\n' "$(day 50)" >"$work/in/clients.csv"
head -c 600000 /dev/urandom >"$work/in/letter-scan.pdf"
head -c 300000 /dev/urandom >"$work/in/consent-form.pdf"
head -c 200000 /dev/urandom >"$work/in/contract.pdf"
head -c 400000 /dev/urandom >"$work/in/session.m4a"
python3 -c '
import struct, sys, zlib
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
rows = b"".join(b"\x00" + b"\x28\x5a\xc8" * 32 for _ in range(32))
sys.stdout.buffer.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 32, 32, 8, 2, 0, 0, 0))
    + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))' >"$work/in/tower.png"

folio "$pw" init --practice "Hillside Art Therapy" --password-stdin --kdf-target-ms 0
folio "" status
folio "$pw" --password-stdin client add --given Ada --family Lovelace --dob 10/12/2015 --referral-date "$(day 60)"
folio "$pw" --password-stdin referral add "$work/in/referral.json"
folio "$pw" --password-stdin client state AL-0001 assessment --on "$(day 40)" --note "Assessment booked"
folio "$pw" --password-stdin client state AL-0001 in-therapy --on "$(day 30)"
folio "$pw" --password-stdin client update AL-0001 "$work/in/ada.json"
folio "$pw" --password-stdin consent add AL-0001 --purpose online-contact --given-by "Mary Lovelace" --how written \
  --on "$(day 35)" --told "Online sessions: how they work and how to stop" \
  --platforms "Video call app, phone" --if-tech-fails "I phone Mary and we end the session"
folio "$pw" --password-stdin consent add AL-0001 --purpose artwork-photos --given-by "Mary Lovelace" --how written \
  --on "$(day 35)" --told-file "$work/in/consent-form.pdf"
folio "$pw" --password-stdin consent review 2 --on "$(day 3)" --note "Still agreed"
folio "$pw" --password-stdin consent withdraw 2 --on "$(day 2)" --by "Mary Lovelace"
folio "$pw" --password-stdin consent list AL-0001
folio "$pw" --password-stdin consent due
folio "$pw" --password-stdin agreement add AL-0001 --kind therapy-contract --signed-on "$(day 35)" \
  --signed-by "Mary Lovelace" --version 2026-09 --file "$work/in/contract.pdf"
folio "$pw" --password-stdin agreement list AL-0001
folio "$pw" --password-stdin session add AL-0001 --on "$(day 20)" --outcome attended --mode online \
  --platform "Video call app" --parent-start yes --parent-end yes --parent-nearby yes
folio "$pw" --password-stdin session add AL-0001 --on "$(day 19)" --outcome planned --mode online
folio "$pw" --password-stdin session outcome AL-0001 2 attended --platform "Video call app" --parent-start yes \
  --parent-end no --parent-nearby yes --checks-reason "The call dropped; I phoned Mary at once"
folio "$pw" --password-stdin session reviews
folio "$pw" --password-stdin session settings --records-sessions no
folio "$pw" --password-stdin session list AL-0001
folio "$pw" --password-stdin note add AL-0001 --kind session-note --session 1 --text $'## Themes\nAL built a tower.'
folio "$pw" --password-stdin note sign 1
folio "$pw" --password-stdin note amend 1 --reason "fuller account" --text $'## Themes\nAL built a tall tower.'
folio "$pw" --password-stdin note search tower
folio "$pw" --password-stdin note show 1
folio "$pw" --password-stdin correspondence add AL-0001 --kind letter --direction in --with school \
  --summary "Scanned consent letter" --attach "$work/in/letter-scan.pdf"
folio "$pw" --password-stdin correspondence export 1 --out "$work/out/letter-copy.pdf"
folio "$pw" --password-stdin correspondence add AL-0001 --on "$(day 18)" --kind text --direction out --with client \
  --summary "Reminder of next week's time" --outside-reason "Mary asked me to text it"
folio "$pw" --password-stdin complaint add AL-0001 --received "$(day 3)" --summary "Session times were changed at short notice"
folio "$pw" --password-stdin complaint stage 1 --stage therapist --on "$(day 3)"
folio "$pw" --password-stdin complaint close 1 --on "$(day 1)" --outcome "Apologised; times fixed for the term"
folio "$pw" --password-stdin complaint list
folio "$pw" --password-stdin incident add --aware "$(day 2) 09:30" --summary "A letter went to the wrong address" --client AL-0001
folio "$pw" --password-stdin incident decide 1 --report no --reason "Returned unopened the same day; no risk to anyone"
folio "$pw" --password-stdin incident list
folio "$pw" --password-stdin request add AL-0001 --kind access --received "$(day 5)" --made-by parent --summary "A copy of the notes"
folio "$pw" --password-stdin request identity 1 --on "$(day 5)" --how "Known to me in person"
folio "$pw" --password-stdin request extend 1 --months 1 --reason "Records at two schools" --told-on "$(day 4)"
folio "$pw" --password-stdin request close 1 --on "$(day 1)" --outcome done --note "Copies sent"
folio "$pw" --password-stdin request list
mkdir -p "$work/usb"
folio "$pw" --password-stdin backup take "$work/usb"
folio "$pw" --password-stdin backup list
folio "$pw" --password-stdin backup status
folio "$pw" --password-stdin disclosure add AL-0001 --on "$(day 4)" --to safeguarding-team --basis safeguarding \
  --what "What AL said about home" --reason "Risk of harm; shared the same day" --told not-told \
  --attach "$work/in/letter-scan.pdf"
folio "$pw" --password-stdin disclosure list AL-0001
folio "$pw" --password-stdin safeguarding add AL-0001 --on "$(day 4)" --time 14:30 \
  --account "AL said they were alone at night" --action "Told the DSL" --referred-to "Children's services" \
  --referred-on "$(day 4)" --disclosure 1
folio "$pw" --password-stdin safeguarding list AL-0001
folio "$pw" --password-stdin professional add --name "Priya Shah" --role salt --organisation "NHS Trust"
folio "$pw" --password-stdin professional link AL-0001 1
folio "$pw" --password-stdin import-csv "$work/in/clients.csv"
folio "$pw" --password-stdin import-csv "$work/in/clients.csv" --commit
folio "$pw" --password-stdin client list
folio "$pw" --password-stdin client show AL-0001
folio "$pw" --password-stdin session attendance AL-0001 --from "$(day 60)" --to "$(day 0)" --pdf "$work/out"
folio "$pw" --password-stdin artwork add AL-0001 --description "Clay tower" --medium clay --location "Cabinet A, drawer 2"
folio "$pw" --password-stdin artwork move ART-0001 --to "School art room store"
folio "$pw" --password-stdin artwork list
folio "$pw" --password-stdin artwork show ART-0001
folio "$pw" --password-stdin artwork locations
folio "$pw" --password-stdin artwork labels --out "$work/out/labels.pdf"
folio "$pw" --password-stdin artwork sheet --out "$work/out/artwork-list.pdf"
folio "$pw" --password-stdin artwork settings --months 2
folio "$pw" --password-stdin artwork add AL-0001 --description "Drum drawing" --location "Cabinet A, drawer 2"
folio "$pw" --password-stdin consent add AL-0001 --purpose artwork-photos --given-by "Mary Lovelace" --how written \
  --on "$(day 1)"
folio "$pw" --password-stdin media add AL-0001 "$work/in/tower.png" --kind photo --artwork ART-0001 --caption "Tower, front"
folio "$pw" --password-stdin media list
folio "$pw" --password-stdin media show 1
folio "$pw" --password-stdin media export 1 --out "$work/out/tower-copy.png"
folio "$pw" --password-stdin media review
folio "$pw" --password-stdin session settings --records-sessions yes
folio "$pw" --password-stdin consent add AL-0001 --purpose recording --plan "Listening back to the songs AL wrote" \
  --given-by "Mary Lovelace" --how written --on "$(day 1)"
folio "$pw" --password-stdin media add AL-0001 "$work/in/session.m4a" --kind audio --caption "Songwriting session"
folio "$pw" --password-stdin media destroy 2 --reason "Listened back together; no longer needed" --yes
folio "$pw" --password-stdin artwork return ART-0001 --to "AL's mother"
folio "$pw" --password-stdin artwork keep ART-0002 --reason "AL agreed in writing to keep it for the exhibition"
folio "$pw" --password-stdin episode end AL-0001 --reason "Family moved away" --on "$(day 10)"
folio "$pw" --password-stdin retention policy set bedfordshire
folio "$pw" --password-stdin retention status
folio "$pw" --password-stdin retention holds
folio "$pw" --password-stdin handover setup --threshold 2 --holder "Priya Shah" --holder "Tomasz Nowak" \
  --holder "Ruth Okafor" --successor "Joan Whitlock" --out "$work/out/handover"
folio "$pw" --password-stdin handover status
folio "$pw" --password-stdin handover reviewed
folio "$pw" --password-stdin handover print --out "$work/out/handover-pack"
folio "" handover open --share-file "$work/out/handover/share-1.txt" --share-file "$work/out/handover/share-3.txt" \
  --mode contact --out "$work/out/contact-sheet"
folio "$pw" --password-stdin settings --auto-lock 5
folio "$pw" --password-stdin verify
folio "$pw" --password-stdin audit
folio "$password"$'\n'"$new_password"$'\n' --password-stdin --new-password-stdin passwd
folio "$new_password"$'\n' --password-stdin demo --out "$work/demo" --clients 5
vault="$work/demo" folio "$new_password"$'\n' handover open --share-file "$work/demo-handover-shares/share-2.txt" \
  --share-file "$work/demo-handover-shares/share-3.txt" --mode takeover --new-password-stdin
folio "" bench --rows 2000 --runs 1 --clients 20

counts=$(check cli "$traces"/*.trace)
read -r syscalls inet _ other outside <<<"$counts"
echo "no-network  cli  commands=$n  syscalls-traced=$syscalls  inet-sockets=$inet  connects-outside=$outside"
[ "$other" -eq 0 ] && [ "$outside" -eq 0 ] || exit 1
