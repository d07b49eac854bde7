# Sourced by the CLI tests: runs "$tala" and compares its exit code and output.
# Needs $tala; counts failures in $failures. Makes $tmp, a directory removed on
# exit, unless the script made its own (with its own clean-up) before sourcing.
failures=0
if [[ -z "${tmp:-}" ]]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
fi
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
check() {  # check NAME EXPECTED_EXIT EXPECTED_SUBSTRING -- ARGS...
  local name="$1" want_exit="$2" want_text="$3"
  shift 4
  local out code
  out=$("$tala" "$@" 2>&1)
  code=$?
  if [[ $code -ne $want_exit || "$out" != *"$want_text"* ]]; then
    fail "$name: exit $code (expected $want_exit), output:"; echo "$out"; return
  fi
  # Bad input is one line; a code error adds the source line and a caret under it.
  if [[ $want_exit -ne 0 && $(printf '%s\n' "$out" | grep -cv '^  ') -ne 1 ]]; then
    fail "$name: expected one line, got:"; echo "$out"; return
  fi
  echo "ok   $name"
}
