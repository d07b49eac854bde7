#!/usr/bin/env bash
# `tala serve`: a folder over HTTP with the cross-origin isolation headers and
# the right MIME types; traversal, missing files, other methods and oversized
# requests are refused; SIGTERM stops it at once with exit 0; a missing
# folder or a busy port is one error line and exit 2.
set -u
tala="$1"
unset TALA_WEB_DIR  # the default-folder checks set it themselves
tmp=$(mktemp -d)
pid=""
cleanup() {
  [[ -n "$pid" ]] && kill "$pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
source "$(dirname "$0")/check.sh"

mkdir -p "$tmp/site/sub" "$tmp/outside"
printf '<!doctype html><p>tala serve %s</p>\n' "$RANDOM" > "$tmp/site/index.html"
printf '\0asm\1\0\0\0' > "$tmp/site/sub/tala.wasm"
printf 'secret\n' > "$tmp/outside/secret.txt"

# Starts the server in the background; sets $pid and $url (from its one stdout line).
start() {
  "${serve_bin:-$tala}" serve "$@" > "$tmp/out" 2> "$tmp/err" &
  pid=$!
  url=""
  for _ in $(seq 100); do
    url=$(grep -o 'http://\S*' "$tmp/out" 2>/dev/null | head -1)
    [[ -n "$url" ]] && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  fail "serve did not print its URL: $(cat "$tmp/out" "$tmp/err")"
  return 1
}
status_is() {  # status_is NAME EXPECTED CURL_ARGS...
  local name="$1" want="$2"
  shift 2
  local got
  got=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$@")
  [[ "$got" == $want ]] && echo "ok   $name ($got)" || fail "$name: status $got (expected $want)"
}

start "$tmp/site" --port 0 --quiet || exit 1
line=$(cat "$tmp/out")
[[ "$line" == "tala: serving $tmp/site at http://127.0.0.1:"*/ && $(wc -l < "$tmp/out") -eq 1 ]] &&
  echo "ok   url_line" || fail "url_line: '$line'"

body=$(curl -s --max-time 5 "$url")
cmp -s <(printf '%s\n' "$body") "$tmp/site/index.html" && echo "ok   index_body" || fail "index_body: '$body'"
status_is index 200 "$url"
status_is index_file 200 "${url}index.html"

headers=$(curl -s -D - -o /dev/null --max-time 5 "$url")
for h in 'Cross-Origin-Opener-Policy: same-origin' 'Cross-Origin-Embedder-Policy: require-corp' \
         'Cross-Origin-Resource-Policy: same-origin' 'Cache-Control: no-cache' \
         'Content-Type: text/html; charset=utf-8'; do
  grep -qiF "$h" <<< "$headers" && echo "ok   header $h" || fail "header '$h' missing in: $headers"
done
wasm_type=$(curl -s -o /dev/null -w '%{content_type}' --max-time 5 "${url}sub/tala.wasm")
[[ "$wasm_type" == application/wasm ]] && echo "ok   wasm_type" || fail "wasm_type: '$wasm_type'"
curl -s --max-time 5 "${url}sub/tala.wasm" | cmp -s - "$tmp/site/sub/tala.wasm" && echo "ok   wasm_body" ||
  fail "wasm_body differs"
error_headers=$(curl -s -D - -o /dev/null --max-time 5 "${url}missing.js")
grep -qiF 'Cross-Origin-Embedder-Policy: require-corp' <<< "$error_headers" && echo "ok   error_headers" ||
  fail "error_headers: $error_headers"
head_length=$(curl -s -I --max-time 5 "${url}sub/tala.wasm" | grep -i '^content-length' | tr -dc 0-9)
[[ "$head_length" == 8 ]] && echo "ok   head" || fail "head: content-length '$head_length' (expected 8)"

ln -s "$tmp/outside" "$tmp/site/link"
status_is traversal 403 --path-as-is "${url}..%2f..%2foutside/secret.txt"
status_is traversal_plain 403 --path-as-is "${url}../outside/secret.txt"
status_is traversal_dots 403 --path-as-is "${url}%2e%2e/outside/secret.txt"
status_is symlink_out 403 "${url}link/secret.txt"
status_is missing 404 "${url}missing.js"
status_is post 405 -X POST -d x "$url"
status_is put 405 -X PUT -d x "${url}index.html"
long=$(head -c 20000 /dev/zero | tr '\0' a)
status_is long_header '4[13][13]' -H "X-Long: $long" "$url"
status_is long_target '4[13][13]' "${url}${long}"
status_is target_over_8k '4[13][13]' "${url}$(head -c 9000 /dev/zero | tr '\0' a)"
status_is big_body '413' -X POST -H 'Content-Type: application/octet-stream' --data-binary @<(head -c 2000000 /dev/zero) "$url"
status_is still_serving 200 "$url"
# The request limits at their boundary (tala limits: request-*-bytes): the target "/aaa..." and the body.
a() { head -c "$1" /dev/zero | tr '\0' a; }
post() { head -c "$1" /dev/zero; }
status_is target_at_limit 404 "${url}$(a 8191)"
status_is target_past_limit 431 "${url}$(a 8192)"
status_is body_at_limit 405 -X POST -H 'Content-Type: application/octet-stream' --data-binary @<(post 1048576) "$url"
status_is body_past_limit 413 -X POST -H 'Content-Type: application/octet-stream' --data-binary @<(post 1048577) "$url"

# SIGTERM: exit 0 within 2 s.
kill -TERM "$pid"
for _ in $(seq 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
if kill -0 "$pid" 2>/dev/null; then
  fail "sigterm: still running after 2 s"
else
  wait "$pid"
  code=$?
  [[ $code -eq 0 ]] && echo "ok   sigterm" || fail "sigterm: exit $code"
fi
pid=""

# Lowered with --limit: the same boundaries, smaller.
start "$tmp/site" --port 0 --quiet --limit request-target-bytes=64 --limit request-body-bytes=100 \
  --limit request-header-bytes=1024 || exit 1
status_is lowered_target_at_limit 404 "${url}$(a 63)"
status_is lowered_target_past_limit 431 "${url}$(a 64)"
status_is lowered_body_at_limit 405 -X POST --data-binary @<(post 100) "$url"
status_is lowered_body_past_limit 413 -X POST --data-binary @<(post 101) "$url"
status_is lowered_header_fits 200 -H "X-Small: $(a 100)" "$url"
status_is lowered_header_past_limit 431 -H "X-Big: $(a 2000)" "$url"
kill -TERM "$pid"
wait "$pid"
pid=""

# The request log: one line per request on stderr without --quiet.
start "$tmp/site" --port 0 || exit 1
curl -s -o /dev/null --max-time 5 "${url}missing.js"
kill -INT "$pid"
wait "$pid"
code=$?
pid=""
[[ $code -eq 0 ]] && echo "ok   sigint" || fail "sigint: exit $code"
grep -q '^GET /missing.js 404$' "$tmp/err" && echo "ok   log" || fail "log: $(cat "$tmp/err")"

# Bad input: one error line, exit 2.
check missing_dir 2 "error: $tmp/nope: no such directory" -- serve "$tmp/nope" --port 0
check not_a_dir 2 "not a directory" -- serve "$tmp/site/index.html" --port 0
check bad_port 2 'error: --port must be in 0..65535' -- serve "$tmp/site" --port 70000
check bad_host 2 'error: --host' -- serve "$tmp/site" --port 0 --host nowhere
TALA_WEB_DIR="$tmp/nope" check no_page 2 \
  "error: no page to serve at $tmp/nope (build it with: npm run build, or give DIR)" -- serve --port 0
check help 0 'usage: tala serve' -- serve --help
start "$tmp/site" --port 0 --quiet || exit 1
port=${url##*:}
port=${port%/}
check port_in_use 2 "error: cannot listen on 127.0.0.1:$port" -- serve "$tmp/site" --port "$port"
kill -TERM "$pid"
wait "$pid"
pid=""

# The default folder: $TALA_WEB_DIR.
TALA_WEB_DIR="$tmp/site" start --port 0 --quiet || exit 1
[[ $(curl -s --max-time 5 "$url") == "$body" ]] && echo "ok   tala_web_dir" || fail "tala_web_dir"
kill -TERM "$pid"
wait "$pid"
pid=""

# The default folder without $TALA_WEB_DIR: build/web beside build/release/native/tala.
mkdir -p "$tmp/build/release/native" "$tmp/build/web"
cp "$tala" "$tmp/build/release/native/tala"
printf 'default page\n' > "$tmp/build/web/index.html"
serve_bin="$tmp/build/release/native/tala" start --port 0 --quiet || exit 1
[[ $(cat "$tmp/out") == "tala: serving $tmp/build/web at http"* ]] && echo "ok   default_dir_line" ||
  fail "default_dir_line: $(cat "$tmp/out")"
[[ $(curl -s --max-time 5 "$url") == "default page" ]] && echo "ok   default_dir" || fail "default_dir"
kill -TERM "$pid"
wait "$pid"
pid=""
rm -r "$tmp/build/web"
tala="$tmp/build/release/native/tala" check default_dir_missing 2 \
  "error: no page to serve at $tmp/build/web (build it with: npm run build, or give DIR)" -- serve --port 0

[[ $failures -eq 0 ]] && echo "all serve checks passed" || { echo "$failures failures"; exit 1; }
