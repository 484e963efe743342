#!/usr/bin/env bash
# Builds gantry from this checkout and installs it for the current user (or under $PREFIX).
# Safe to run again: it rebuilds and overwrites the same two files.
set -euo pipefail

cd "$(dirname "$0")"
# As root, /usr/local (its bin is on everyone's PATH); otherwise the user's own ~/.local.
if [ "$(id -u)" -eq 0 ]; then PREFIX="${PREFIX:-/usr/local}"; else PREFIX="${PREFIX:-$HOME/.local}"; fi
LIB_DIR="$PREFIX/lib/gantry"
BIN_DIR="$PREFIX/bin"

say() { printf '%s\n' "$*"; }
fail() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }
has_apt() { command -v apt-get >/dev/null 2>&1; }

# --- Java 17 or newer ------------------------------------------------------------------------
java_major() {
    # "17.0.15", "21", or the old "1.8.0_392" form
    local v
    v=$(java -version 2>&1 | awk -F '"' '/version/ {print $2; exit}')
    case "$v" in
        1.*) echo "${v#1.}" | cut -d. -f1 ;;
        *) echo "$v" | cut -d. -f1 | cut -d- -f1 ;;
    esac
}

if ! command -v java >/dev/null 2>&1 || [ "$(java_major)" -lt 17 ] 2>/dev/null; then
    found="none"
    command -v java >/dev/null 2>&1 && found="Java $(java_major)"
    fail "gantry needs Java 17 or newer (found: $found).
  Debian/Ubuntu: sudo apt-get install -y openjdk-17-jdk
  macOS:         brew install openjdk@17
  Then run ./install.sh again."
fi
if ! command -v javac >/dev/null 2>&1; then
    fail "a Java runtime is installed but not the JDK (javac is missing), which the build needs.
  Debian/Ubuntu: sudo apt-get install -y openjdk-17-jdk
  macOS:         brew install openjdk@17"
fi

# --- Maven -----------------------------------------------------------------------------------
if ! command -v mvn >/dev/null 2>&1; then
    if is_root && has_apt; then
        say "Installing Maven with apt-get…"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq maven >/dev/null
    else
        fail "Maven (mvn) is needed to build gantry.
  Debian/Ubuntu: sudo apt-get install -y maven
  macOS:         brew install maven
  Then run ./install.sh again."
    fi
fi

# --- Build and install -----------------------------------------------------------------------
say "Building gantry (mvn -q -B -DskipTests package)…"
mvn -q -B -DskipTests package
[ -f target/gantry.jar ] || fail "the build did not produce target/gantry.jar"

mkdir -p "$LIB_DIR" "$BIN_DIR"
# The class-data archive below belongs to the jar being replaced: drop it first so the launcher
# never pairs the new jar with it.
rm -f "$LIB_DIR/gantry.jsa" "$LIB_DIR/gantry-launch.jar"
# Copy to a temporary name first so a running gantry never sees a half-written jar.
cp target/gantry.jar "$LIB_DIR/gantry.jar.tmp" && mv -f "$LIB_DIR/gantry.jar.tmp" "$LIB_DIR/gantry.jar"
cp bin/gantry "$BIN_DIR/gantry.tmp" && chmod 755 "$BIN_DIR/gantry.tmp" && mv -f "$BIN_DIR/gantry.tmp" "$BIN_DIR/gantry"

# --- Class-data sharing archive ------------------------------------------------------------------
# A JVM starting gantry spends most of its time finding, parsing and verifying classes. An
# application class-data sharing (AppCDS) archive holds them ready to map: it is made here from
# the classes that real runs load (--version, --help, plan --help, validate, and
# plan/apply/status/destroy on the simulated AWS, in a throw-away home), for this jar and this Java.
# bin/gantry uses it only while it is newer than the jar; the JVM itself also refuses it, silently,
# for another jar or another Java build. Without it gantry works the same, only starts slower.
# The archive is made for the class path of gantry-launch.jar: a jar of nothing but a manifest that
# names the main class and gantry.jar. The JVM opens the jar it starts from to read its manifest,
# and indexing gantry.jar's 35,000 entries costs as much as a small command's own work; classes come
# from the archive, so a run opens gantry.jar only when it reads a resource from it.
make_launch_jar() {
    local launch=$1 work
    work=$(mktemp -d)
    printf 'Main-Class: dev.gantry.Main\nClass-Path: gantry.jar\n' > "$work/manifest"
    jar --create --file "$launch.tmp" --manifest "$work/manifest" && mv -f "$launch.tmp" "$launch"
    local ok=$?
    rm -rf "$work" "$launch.tmp"
    return $ok
}
make_cds_archive() {
    local jar=$1 jsa=$2 launch=$3 work n=0
    work=$(mktemp -d)
    cp templates/web-https.yaml "$work/gantry.yaml"
    train() {
        n=$((n + 1))
        (cd "$work" && HOME="$work" GANTRY_HOME="$work/gantry-home" GANTRY_SIM_SPEED=1000000 TERM=dumb \
            java -XX:DumpLoadedClassList="$work/classes-$n.lst" -jar "$jar" "$@" </dev/null >/dev/null 2>&1) || true
    }
    train --version
    train --help
    train plan --help
    train validate -f gantry.yaml
    train plan --simulate -f gantry.yaml
    train apply --simulate --yes -f gantry.yaml
    train plan --simulate -f gantry.yaml
    train status --simulate -f gantry.yaml
    train destroy --simulate --yes -f gantry.yaml
    cat "$work"/classes-*.lst | awk '!seen[$0]++' > "$work/classes.lst"
    java -Xshare:dump -XX:SharedClassListFile="$work/classes.lst" -XX:SharedArchiveFile="$jsa.tmp" \
        -cp "$launch" >"$work/dump.log" 2>&1 && mv -f "$jsa.tmp" "$jsa"
    local ok=$?
    rm -rf "$work" "$jsa.tmp"
    return $ok
}
say "Preparing a class-data sharing archive so gantry starts fast…"
# The launcher adds JVM flags when it uses the archive; if this Java refuses them, no archive (the
# launcher then runs without it, as before).
lib=$(cd "$LIB_DIR" && pwd)
if make_launch_jar "$lib/gantry-launch.jar" && make_cds_archive "$lib/gantry.jar" "$lib/gantry.jsa" "$lib/gantry-launch.jar" \
    && { "$BIN_DIR/gantry" --version >/dev/null 2>&1 || { rm -f "$LIB_DIR/gantry.jsa"; false; }; }; then
    cds_note="  $LIB_DIR/gantry.jsa and gantry-launch.jar (class-data archive: faster start)"
else
    cds_note="  (no class-data archive could be made: gantry starts a little slower, works the same)"
fi

say "Installed:"
say "  $LIB_DIR/gantry.jar"
say "$cds_note"
say "  $BIN_DIR/gantry"

case ":$PATH:" in
    *":$BIN_DIR:"*) ;;
    *)
        say ""
        say "Note: $BIN_DIR is not on your PATH. Add it, e.g.:"
        say "  echo 'export PATH=\"$BIN_DIR:\$PATH\"' >> ~/.bashrc && export PATH=\"$BIN_DIR:\$PATH\""
        ;;
esac

# Tab completion: the line for the user's own shell (from $SHELL), the others' in README.
say ""
case "${SHELL:-}" in
    */zsh) say "Tab completion for zsh: echo 'source <(gantry completion zsh)' >> ~/.zshrc" ;;
    */fish) say "Tab completion for fish: gantry completion fish > ~/.config/fish/completions/gantry.fish" ;;
    *) say "Tab completion for bash: echo 'source <(gantry completion bash)' >> ~/.bashrc" ;;
esac
say "  (then open a new shell; 'gantry completion --help' for the others)"

say ""
say "Next:"
say "  gantry init                                          # answer a few questions, get gantry.yaml"
say "  gantry apply --simulate -f templates/web-https.yaml  # or watch a full deploy, no AWS needed"
