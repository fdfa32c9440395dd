#!/usr/bin/env bash
# ektp-dataset as a user runs it: records as JSON lines, a signed data set in
# a folder, and that data set's EF.SOD checked by the openssl command line
# (independently of the project's code) against the CSCA the tool made.
set -euo pipefail
tool="$EKTP_BUILD_DIR/tools/dataset/ektp-dataset"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$tool" records --count 5 --seed 3 >"$work/records.jsonl"
[[ $(wc -l <"$work/records.jsonl") -eq 5 ]] || { echo "expected 5 records"; exit 1; }
python3 - "$work/records.jsonl" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    assert len(r["nik"]) == 16 and len(r["can"]) == 6, r
PY
# Deterministic: the same seed gives the same lines.
"$tool" records --count 5 --seed 3 | cmp - "$work/records.jsonl"

"$tool" make --seed 9 --out "$work/set" | grep -q "fits an 8192-byte card"
for f in 011E 0101 0102 0103 0107 010B 010C 010D 011D record.json face.jpg portrait.jpg signature.jpg; do
  [[ -s "$work/set/$f" ]] || { echo "missing $f"; exit 1; }
done

# EF.SOD = 77 L CMS: strip the tag and length (length form from the second byte).
python3 - "$work/set/011D" "$work/sod.der" <<'PY'
import sys
b = open(sys.argv[1], "rb").read()
assert b[0] == 0x77
n = b[1]
start = 2 if n < 0x80 else 2 + (n & 0x7F)
open(sys.argv[2], "wb").write(b[start:])
PY
openssl cms -verify -CAfile "$work/set/pki/csca.pem" -purpose any -inform DER -binary \
  -in "$work/sod.der" -out "$work/lds.der" 2>"$work/verify.log" ||
  { cat "$work/verify.log"; exit 1; }

# A second data set signed with an existing PKI folder (--pki).
"$tool" make --seed 10 --out "$work/set2" --pki "$work/set/pki" >/dev/null
[[ ! -e "$work/set2/pki" ]] || { echo "made a new PKI although --pki was given"; exit 1; }
python3 - "$work/set2/011D" "$work/sod2.der" <<'PY'
import sys
b = open(sys.argv[1], "rb").read()
n = b[1]
open(sys.argv[2], "wb").write(b[2 if n < 0x80 else 2 + (n & 0x7F):])
PY
openssl cms -verify -CAfile "$work/set/pki/csca.pem" -purpose any -inform DER -binary \
  -in "$work/sod2.der" -out /dev/null 2>/dev/null

# --record: a data set for a given citizen record (JSON).
sed -n 2p "$work/records.jsonl" >"$work/one.json"
"$tool" make --seed 4 --record "$work/one.json" --out "$work/set3" --pki "$work/set/pki" >/dev/null
python3 - "$work/one.json" "$work/set3/record.json" <<'PY'
import json, sys
assert json.load(open(sys.argv[1])) == json.load(open(sys.argv[2]))
PY

# A bad record is refused with the field named.
sed 's/"religion":"[^"]*"/"religion":"JEDI"/' "$work/one.json" >"$work/bad.json"
if "$tool" make --record "$work/bad.json" --out "$work/set4" --pki "$work/set/pki" 2>"$work/err"; then
  echo "a bad record was accepted"; exit 1
fi
grep -q "religion" "$work/err"

"$tool" sizes --count 20 --seed 1 | grep -q "^dataset_fit_8k=20/20$"
# Batch files (docs/batch.md): written for the PKI's station, opened and every bundle
# verified; cut off, or opened by another station, refused with a plain reason.
pki="$EKTP_BUILD_DIR/tools/pki/ektp-pki"
"$pki" make "$work/pki" >/dev/null
"$tool" batch --pki "$work/pki" --count 3 --seed 6 --out "$work/jobs.ektpbatch" | grep -q "3 bundles"
"$tool" check-batch --pki "$work/pki" "$work/jobs.ektpbatch" | grep -q "^batch: 3 bundles, 3 verified, 0 refused$"
head -c 3000 "$work/jobs.ektpbatch" >"$work/cut.ektpbatch"
if "$tool" check-batch --pki "$work/pki" "$work/cut.ektpbatch" >"$work/out" 2>&1; then
  echo "a cut-off batch was accepted"; exit 1
fi
grep -q "copy the file to the USB stick again" "$work/out"
"$pki" make "$work/pki2" >/dev/null
if "$tool" check-batch --pki "$work/pki2" "$work/jobs.ektpbatch" >"$work/out" 2>&1; then
  echo "another station opened the batch"; exit 1
fi
grep -q "not encrypted for this station" "$work/out"
# No bundle content in clear: the NIK of the first record is not in the file.
nik=$("$tool" records --count 1 --seed 6 | python3 -c 'import json,sys; print(json.load(sys.stdin)["nik"])')
if grep -q "$nik" "$work/jobs.ektpbatch"; then echo "a NIK in clear in the batch file"; exit 1; fi

echo "ektp-dataset CLI: ok"
