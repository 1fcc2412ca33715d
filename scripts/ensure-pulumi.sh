#!/usr/bin/env bash
# Makes a Pulumi CLI of the pinned version available at .tools/pulumi/bin/pulumi, with the
# Node.js dynamic-provider launcher and the Node.js language host (pulumi-language-nodejs, needed
# by `pulumi up` on a project directory) beside it, where the Automation API and the engine look.
#
# Why this exists: the npm package `pulumi` downloads the CLI at run time and this project's
# machines reach only package registries. The CLI is therefore either taken from PATH (when it
# is recent enough) or built from the Go module proxy. Idempotent: a second run takes seconds.
#
# The pinned version is the exact version of @pulumi/pulumi in package.json/package-lock, so SDK
# and CLI never drift apart.
#
# --cli-only: the language host is optional (npm run demo drives an inline program through the
# Automation API and needs the CLI alone). When it cannot be found or built, say once what will
# need it and how to get it, and succeed.
#
# Environment: SYNOVMM_PULUMI_ROOT (where .tools/pulumi goes), SYNOVMM_PULUMI_CACHE and
# SYNOVMM_LANGUAGE_HOST_CACHE (the machine caches, default ~/.cache/synovmm/...),
# SYNOVMM_LANGUAGE_HOST_SOURCE (its Go source folder; "none" = never build it).
set -euo pipefail

LANGHOST_OPTIONAL=false
for arg in "$@"; do
  case "$arg" in
    --cli-only) LANGHOST_OPTIONAL=true ;;
    *) printf '[ensure-pulumi] error: unknown option %s (only --cli-only)\n' "$arg" >&2; exit 2 ;;
  esac
done

ROOT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TOOLS_DIR="${SYNOVMM_PULUMI_ROOT:-$ROOT_DIR/.tools/pulumi}"
BIN_DIR="$TOOLS_DIR/bin"
SDK_DIR="$ROOT_DIR/node_modules/@pulumi/pulumi"

log() { printf '[ensure-pulumi] %s\n' "$*" >&2; }
die() { printf '[ensure-pulumi] error: %s\n' "$*" >&2; exit 1; }

[ -f "$SDK_DIR/package.json" ] || die "node_modules/@pulumi/pulumi is missing. Run 'npm ci' first (it installs the SDK whose version this script pins the CLI to)."
VERSION=$(node -p 'require(process.argv[1]).version' "$SDK_DIR/package.json")
LAUNCHER="$SDK_DIR/pulumi-resource-pulumi-nodejs"
[ -x "$LAUNCHER" ] || die "$LAUNCHER is missing: the installed @pulumi/pulumi $VERSION does not ship the dynamic-provider launcher."

# version_of BINARY -> prints "3.248.0" (no leading v), or nothing when it cannot run.
version_of() { PULUMI_SKIP_UPDATE_CHECK=true "$1" version 2>/dev/null | head -n1 | sed -e 's/^v//' || true; }

# at_least A B -> true when version A >= version B (numeric, dotted, pre-release suffix ignored).
at_least() {
  local a=${1%%-*} b=${2%%-*}
  [ "$(printf '%s\n%s\n' "$a" "$b" | sort -t. -k1,1n -k2,2n -k3,3n | head -n1)" = "$b" ]
}

install_launcher() {
  # The engine starts dynamic providers through this 5-line shell launcher; it must sit next to
  # `pulumi` (or on PATH) or the engine tries to download it from the internet.
  cp "$LAUNCHER" "$BIN_DIR/pulumi-resource-pulumi-nodejs"
  chmod +x "$BIN_DIR/pulumi-resource-pulumi-nodejs"
}

# The language host of the pinned version, in this order: already in $BIN_DIR; on PATH at the
# pinned version or newer, like the CLI (a normal Pulumi install ships it beside `pulumi`); the machine cache another clone filled; built with Go
# from the source kept in ../shared/toolchain (the Go module proxy refuses that one module).
LANGHOST=pulumi-language-nodejs
LANGHOST_CACHE="${SYNOVMM_LANGUAGE_HOST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/synovmm/$LANGHOST-v$VERSION}"

# langhost_version BINARY -> prints "3.248.0", or nothing when it cannot run.
langhost_version() { "$1" -version 2>/dev/null | head -n1 | sed -e 's/^v//' || true; }

# The source folder: beside the repository root, or beside the main checkout when this is a git
# worktree living elsewhere (both are "../shared/toolchain" of a checkout of this repository).
langhost_source() {
  [ "${SYNOVMM_LANGUAGE_HOST_SOURCE:-}" = none ] && return 1
  local candidates=("${SYNOVMM_LANGUAGE_HOST_SOURCE:-}" "$ROOT_DIR/../shared/toolchain/$LANGHOST") common
  if common=$(git -C "$ROOT_DIR" rev-parse --path-format=absolute --git-common-dir 2>/dev/null); then
    candidates+=("$(dirname "$common")/../shared/toolchain/$LANGHOST")
  fi
  local dir
  for dir in "${candidates[@]}"; do
    if [ -n "$dir" ] && [ -f "$dir/go.mod" ] && [ -f "$dir/main.go" ]; then
      (cd "$dir" && pwd)
      return 0
    fi
  done
  return 1
}

# Prints why the language host is missing and how to get it: an error, or with --cli-only a note
# (the caller then goes on without it).
langhost_missing() {
  if [ "$LANGHOST_OPTIONAL" = true ]; then
    log "note: $1
  This command does not need it. 'pulumi up' on a project folder (the repository's Pulumi.yaml or your own) will.
  Fix, before that: $2"
    return 0
  fi
  die "$1
  Fix: $2"
}

LANGHOST_FIX="install the Pulumi CLI v$VERSION or newer (https://www.pulumi.com/docs/install/), which ships $LANGHOST beside 'pulumi', put it on PATH and run 'npm run setup:pulumi'; or set SYNOVMM_LANGUAGE_HOST_SOURCE to a copy of its Go source folder and run 'npm run setup:pulumi' (it builds it with Go)."

build_langhost() {
  local src=$1 work start
  if ! command -v go >/dev/null 2>&1; then
    log "$LANGHOST v$VERSION is missing and Go is not installed to build it from $src."
    return 1
  fi
  # Built in a copy: the source folder may be read-only and must stay unchanged.
  work=$(mktemp -d "${TMPDIR:-/tmp}/synovmm-langhost-build.XXXXXX")
  cp -R "$src/." "$work/"
  chmod -R u+w "$work"
  start=$(date +%s)
  log "building $LANGHOST v$VERSION from $src (first time on this machine; about 15 s once the CLI's Go modules are cached)"
  (
    cd "$work"
    GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-mod=mod GONOSUMDB="${GONOSUMDB:+$GONOSUMDB,}github.com/pulumi" \
      go build -trimpath -tags osusergo,grpcnotrace \
      -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$VERSION" \
      -o "$BIN_DIR/$LANGHOST.new" . >&2
  ) || { rm -rf "$work"; log "building $LANGHOST from $src failed (Go output above); is the Go module proxy (GOPROXY) reachable?"; return 1; }
  rm -rf "$work"
  mv "$BIN_DIR/$LANGHOST.new" "$BIN_DIR/$LANGHOST"
  mkdir -p "$LANGHOST_CACHE" && cp "$BIN_DIR/$LANGHOST" "$LANGHOST_CACHE/$LANGHOST.new" &&
    mv "$LANGHOST_CACHE/$LANGHOST.new" "$LANGHOST_CACHE/$LANGHOST" ||
    log "could not fill the machine cache $LANGHOST_CACHE (continuing)"
  log "$LANGHOST built in $(( $(date +%s) - start )) s"
}

# Prints where the language host came from.
ensure_langhost() {
  local target="$BIN_DIR/$LANGHOST" found found_version src
  if [ -x "$target" ] && [ "$(langhost_version "$target")" = "$VERSION" ]; then
    echo "cached in $TOOLS_DIR"
  elif found=$(command -v "$LANGHOST" 2>/dev/null) && [ "$found" != "$target" ] &&
    found_version=$(langhost_version "$found") && [ -n "$found_version" ] && at_least "$found_version" "$VERSION"; then
    ln -sf "$found" "$target"
    echo "PATH ($found)"
  elif [ -x "$LANGHOST_CACHE/$LANGHOST" ] && [ "$(langhost_version "$LANGHOST_CACHE/$LANGHOST")" = "$VERSION" ]; then
    cp "$LANGHOST_CACHE/$LANGHOST" "$target"
    echo "machine cache $LANGHOST_CACHE"
  elif src=$(langhost_source) && build_langhost "$src"; then
    echo "built from $src"
  else
    langhost_missing "$LANGHOST v$VERSION (the Node.js language host that 'pulumi up' on a project needs) is not available:
  not in $BIN_DIR, not on PATH, not in the machine cache $LANGHOST_CACHE,
  and not buildable from a source folder (../shared/toolchain/$LANGHOST beside this repository, or SYNOVMM_LANGUAGE_HOST_SOURCE)." "$LANGHOST_FIX"
    echo "missing"
  fi
}

report() {
  local langhost_from
  install_launcher
  langhost_from=$(ensure_langhost)
  log "pulumi v$(version_of "$BIN_DIR/pulumi") ready at $BIN_DIR/pulumi (pinned: v$VERSION, source: $1)"
  if [ "$langhost_from" != missing ]; then
    log "$LANGHOST v$(langhost_version "$BIN_DIR/$LANGHOST") ready beside it (source: $langhost_from)"
  fi
  echo "$BIN_DIR"
}

mkdir -p "$BIN_DIR"

# 1. Already built or linked, with the pinned version: nothing to do (the fast path).
if [ -x "$BIN_DIR/pulumi" ] && [ "$(version_of "$BIN_DIR/pulumi")" = "$VERSION" ]; then
  report "cached in $TOOLS_DIR"
  exit 0
fi

# 2. A CLI this machine already built for another clone of the project (fresh CI clones hit this).
SHARED_CACHE="${SYNOVMM_PULUMI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/synovmm/pulumi-v$VERSION}"
if [ -x "$SHARED_CACHE/pulumi" ] && [ "$(version_of "$SHARED_CACHE/pulumi")" = "$VERSION" ]; then
  cp "$SHARED_CACHE/pulumi" "$BIN_DIR/pulumi"
  report "machine cache $SHARED_CACHE"
  exit 0
fi

# 3. A CLI on PATH that is recent enough: link it instead of building.
if PATH_PULUMI=$(command -v pulumi 2>/dev/null) && [ "$PATH_PULUMI" != "$BIN_DIR/pulumi" ]; then
  PATH_VERSION=$(version_of "$PATH_PULUMI")
  if [ -n "$PATH_VERSION" ] && at_least "$PATH_VERSION" "$VERSION"; then
    ln -sf "$PATH_PULUMI" "$BIN_DIR/pulumi"
    report "PATH ($PATH_PULUMI)"
    exit 0
  fi
  log "ignoring $PATH_PULUMI: version '${PATH_VERSION:-unknown}' is older than the pinned v$VERSION"
fi

# 4. Build from the Go module proxy.
if ! command -v go >/dev/null 2>&1; then
  die "no Pulumi CLI v$VERSION or newer found and Go is not installed to build one.
  Fix: install the Pulumi CLI (https://www.pulumi.com/docs/install/) and put it on PATH,
  or install Go >= 1.24 so this script can build v$VERSION from the Go module proxy."
fi

BUILD_DIR=$(mktemp -d "${TMPDIR:-/tmp}/synovmm-pulumi-build.XXXXXX")
trap 'rm -rf "$BUILD_DIR"' EXIT
export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-mod=mod
# The checksum database does not list Pulumi's module tags (it answers 404); skip it for
# github.com/pulumi only. Every other module is still verified.
export GONOSUMDB="${GONOSUMDB:+$GONOSUMDB,}github.com/pulumi"

START=$(date +%s)
log "building pulumi v$VERSION from the Go module proxy (first time only; several minutes)"
cd "$BUILD_DIR"
go mod download -json "github.com/pulumi/pulumi/pkg/v3@v$VERSION" > pkg.json ||
  die "the Go module proxy does not serve github.com/pulumi/pulumi/pkg/v3@v$VERSION: $(cat pkg.json)"
PKG_GOMOD=$(node -p 'require("./pkg.json").GoMod')
go mod init local/synovmm-pulumi-build >/dev/null 2>&1
# Only the main module's replace directives are in effect; repeat pkg's non-local ones.
grep -E '^replace [^ ]+ => [^./][^ ]* v' "$PKG_GOMOD" >> go.mod || true
sed -n '/^replace (/,/^)/p' "$PKG_GOMOD" | grep -E '=> [^./][^ ]* v' | sed 's/^/replace /' >> go.mod || true
go get "github.com/pulumi/pulumi/pkg/v3@v$VERSION" "github.com/pulumi/pulumi/sdk/v3@v$VERSION" >&2
LDFLAGS="-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$VERSION"
go build -trimpath -tags osusergo,grpcnotrace -ldflags "$LDFLAGS" \
  -o "$BIN_DIR/pulumi.new" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi >&2
mv "$BIN_DIR/pulumi.new" "$BIN_DIR/pulumi"
mkdir -p "$SHARED_CACHE" && cp "$BIN_DIR/pulumi" "$SHARED_CACHE/pulumi" || log "could not fill the machine cache $SHARED_CACHE (continuing)"
echo "v$VERSION" > "$TOOLS_DIR/VERSION"
log "built in $(( $(date +%s) - START )) s; module cache: $(du -sh "$(go env GOMODCACHE)" 2>/dev/null | cut -f1)"
report "built from the Go module proxy"
