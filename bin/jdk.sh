# Sourced by bin/mvn and bin/serve: finds a JDK 21 or newer and exports JAVA_HOME.
# Order of preference: JAVA_HOME, `javac` on the PATH, then the usual install locations
# (the newest JDK found there wins).

jdk_major() { # prints the feature version of the JDK whose home is $1, or 0
  local rel="$1/release"
  if [ -x "$1/bin/javac" ] && [ -f "$rel" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$rel" | head -n1
  else
    echo 0
  fi
}

jdk_pick() {
  if [ -n "${JAVA_HOME:-}" ] && [ "$(jdk_major "$JAVA_HOME")" -ge 21 ]; then echo "$JAVA_HOME"; return; fi
  if command -v javac >/dev/null 2>&1; then
    local home; home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    if [ "$(jdk_major "$home")" -ge 21 ]; then echo "$home"; return; fi
  fi
  local best="" best_major=0 d m
  for d in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -d "$d" ] || continue
    m=$(jdk_major "$d"); m=${m:-0}
    if [ "$m" -ge 21 ] && [ "$m" -gt "$best_major" ]; then best="$d"; best_major=$m; fi
  done
  [ -n "$best" ] && echo "$best"
}

jdk_export() {
  local jdk; jdk=$(jdk_pick || true)
  if [ -z "$jdk" ]; then
    echo "no JDK 21 or newer found. Install one (e.g. 'apt-get install openjdk-21-jdk' or Temurin 21+)" >&2
    echo "or set JAVA_HOME to it." >&2
    return 1
  fi
  export JAVA_HOME="$jdk"
}
