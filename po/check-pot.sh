#!/bin/sh
# Fails when po/ektp.pot does not hold exactly the messages of the catalogue sources
# (someone added or changed a message without `cmake --build <dir> --target ektp_pot`).
# Usage: po/check-pot.sh <xgettext> <source dir> <xgettext options...> -- <catalogue files...>
set -eu
xgettext=$1
source_dir=$2
shift 2
options=""
while [ "$#" -gt 0 ] && [ "$1" != "--" ]; do
  options="$options $1"
  shift
done
shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$source_dir"
# shellcheck disable=SC2086 # options are separate words
"$xgettext" $options --output="$tmp/fresh.pot" "$@"
status=0
# msgcmp DEF REF: every message of REF must be in DEF.
if ! msgcmp --use-untranslated po/ektp.pot "$tmp/fresh.pot" 2>"$tmp/new.txt"; then
  echo "po/ektp.pot lacks messages that are in the sources:" >&2
  cat "$tmp/new.txt" >&2
  status=1
fi
if ! msgcmp --use-untranslated "$tmp/fresh.pot" po/ektp.pot 2>"$tmp/old.txt"; then
  echo "po/ektp.pot has messages that are no longer in the sources:" >&2
  cat "$tmp/old.txt" >&2
  status=1
fi
if [ "$status" -ne 0 ]; then
  echo "Regenerate it: cmake --build <build dir> --target ektp_pot, then" >&2
  echo "msgmerge --update po/id.po po/ektp.pot and translate (docs/messages.md)." >&2
fi
exit "$status"
