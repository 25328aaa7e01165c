#!/usr/bin/env bash
# `humain route` per DESIGN.md's contract: each mode routes as docs/ROUTING.md says; malformed
# configs fail with the key and line. Usage: route_modes.sh <humain> <source-dir>
set -euo pipefail
HUMAIN=$1
SRC=$2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

field() {  # field JSON KEY -> value (python3 is in the base image)
  python3 -c 'import json,sys; v=json.loads(sys.argv[1])[sys.argv[2]]; print(json.dumps(v) if isinstance(v,(list,dict)) else v)' "$1" "$2"
}

check() {  # check CONFIG TASK EXPECTED_TIER [extra args...]
  local cfg=$1 task=$2 want=$3
  shift 3
  out=$("$HUMAIN" route --config "$cfg" --task "$task" --json "$@") || fail "route failed: $cfg / $task"
  python3 -c 'import json,sys
j=json.loads(sys.argv[1])
for k in ["tier","mode","sensitivity","complexity","reasons","redactions"]:
    assert k in j, "missing "+k
assert j["tier"] in ("local-engine","local-vlm","cloud-vlm")
assert j["sensitivity"] in ("public","internal","confidential")
assert j["complexity"] in ("simple","moderate","complex")
assert isinstance(j["reasons"], list) and j["reasons"]
assert isinstance(j["redactions"], list)' "$out" || fail "contract: $out"
  got=$(field "$out" tier)
  [ "$got" = "$want" ] || fail "$(basename "$cfg") / \"$task\" $*: tier $got, want $want ($out)"
  echo "ok  $(basename "$cfg") | $task $* -> $got"
}

export OPENROUTER_API_KEY=unused
C=$SRC/configs
check "$C/local_only.yaml"  "click Save"                         local-engine
check "$C/local_only.yaml"  "click the icon left of Search"      local-vlm
check "$C/hybrid.yaml"      "click Save"                         local-engine
check "$C/hybrid.yaml"      "click the icon left of Search"      cloud-vlm
check "$C/hybrid.yaml"      "type the password left of Search"   local-vlm
check "$C/hybrid.yaml"      "click the icon left of Search"      local-vlm --sensitivity confidential
check "$C/cloud_first.yaml" "click Save"                         cloud-vlm
check "$C/cloud_first.yaml" "open the medical record"            local-engine
check "$C/seed/hybrid.yaml" "locate the precise pixel of Submit" cloud-vlm
check "$C/seed/cloud_first.yaml" "click Save"                    cloud-vlm
check "$C/seed/local_only.yaml"  "locate the precise pixel"      local-vlm
check "$C/hybrid.yaml"      "plan the next steps"                local-vlm --operation planning
check "$C/cloud_first.yaml" "plan the next steps"                cloud-vlm --operation planning

# Malformed configs: key and line in the message, non-zero exit.
expect_error() {  # expect_error NAME YAML PATTERN
  printf "$2" > "$TMP/$1.yaml"
  if "$HUMAIN" route --config "$TMP/$1.yaml" --task x --json 2> "$TMP/err"; then fail "$1 accepted"; fi
  grep -q "$3" "$TMP/err" || fail "$1 message: $(cat "$TMP/err")"
  echo "ok  $1: $(cat "$TMP/err")"
}
expect_error typo 'deployment:\n  mode: hybrid\n  sensitivty_threshold: confidential\n' 'typo.yaml:3: deployment.sensitivty_threshold: unknown key'
expect_error nocloud 'deployment:\n  mode: cloud_first\nvlm:\n  provider: ollama\n  model: llava\n' 'nocloud.yaml:2: deployment.mode: cloud_first needs a cloud VLM'
expect_error type 'caching: {enabled: yes please}\n' 'type.yaml:1: caching.enabled: must be true or false'
expect_error broken 'vlm: [unclosed\n' 'broken.yaml:.*malformed YAML'
echo "route_modes: all passed"
