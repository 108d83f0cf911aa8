#!/usr/bin/env bash
# Builds the image's base, offline and without a Docker daemon, as a docker-save tarball that Jib
# builds on (from.image = tar://...): a Java runtime made by jlink from the JDK that runs the build,
# the C libraries it links against (taken from this machine), a passwd entry for the unprivileged
# user keywarden (10001), /tmp, and the data folder /var/lib/keywarden owned by that user. No
# shell, no package manager: the smallest thing that runs the server.
#
# Usage: base-image.sh <output folder> <JDK home>
# The modules are what 'jdeps --print-module-deps --ignore-missing-deps --multi-release 21' finds
# in cli/target/keywarden.jar, plus jdk.crypto.ec (TLS on JDK 21) where the JDK has it.
set -euo pipefail
out="$1"
jdk="$2"
modules="java.base,java.compiler,java.desktop,java.instrument,java.naming,java.net.http"
modules="$modules,java.scripting,java.security.jgss,java.sql,jdk.jfr,jdk.management,jdk.net"
modules="$modules,jdk.unsupported"
if "$jdk/bin/jlink" --list-modules 2>/dev/null | grep -q '^jdk.crypto.ec@'; then
  modules="$modules,jdk.crypto.ec"
fi

rm -rf "$out"
rootfs="$out/rootfs"
mkdir -p "$rootfs"
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --compress=zip-6 --output "$rootfs/opt/java"

# The shared libraries the runtime needs, with the dynamic loader, at the paths they have here.
libraries() {
  # Headless: the libraries of AWT's windows, sound and splash screen are never loaded.
  find "$rootfs/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) \
    ! -name 'libawt_xawt.so' ! -name 'libjawt.so' ! -name 'libsplashscreen.so' \
    ! -name 'libjsound.so' -print0 |
    xargs -0 ldd 2>/dev/null |
    awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\/.*ld-linux/ { print $1 }'
  # glibc opens libgcc_s itself when a thread exits or is cancelled.
  ldconfig -p 2>/dev/null | awk '/libgcc_s\.so\.1 .*x86-64|libgcc_s\.so\.1 .*=>/ { print $NF; exit }'
}
libraries | sort -u | while read -r library; do
  [ -e "$library" ] && cp --parents -L "$library" "$rootfs"
done

mkdir -p "$rootfs/etc" "$rootfs/tmp" "$rootfs/var/lib/keywarden"
printf 'root:x:0:0:root:/root:/sbin/nologin\nkeywarden:x:10001:10001:Keywarden:/var/lib/keywarden:/sbin/nologin\n' \
  > "$rootfs/etc/passwd"
printf 'root:x:0:\nkeywarden:x:10001:\n' > "$rootfs/etc/group"
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$rootfs/etc/nsswitch.conf"
chmod 1777 "$rootfs/tmp"
chmod 0700 "$rootfs/var/lib/keywarden"

# One layer: everything root's, but the data folder, which is the service's own.
layer="$out/layer.tar"
common=(--sort=name --mtime=@0 --numeric-owner --format=gnu -C "$rootfs")
tar "${common[@]}" --owner=0 --group=0 --exclude=./var/lib/keywarden -cf "$layer" .
tar "${common[@]}" --owner=10001 --group=10001 -rf "$layer" ./var/lib/keywarden
diff_id="sha256:$(sha256sum "$layer" | cut -d' ' -f1)"

cat > "$out/config.json" <<JSON
{"architecture":"amd64","os":"linux","config":{"Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java"]},"rootfs":{"type":"layers","diff_ids":["$diff_id"]},"history":[{"created":"1970-01-01T00:00:00Z","created_by":"packaging/image/base-image.sh: jlink runtime, C libraries, user keywarden"}]}
JSON
cat > "$out/manifest.json" <<JSON
[{"Config":"config.json","RepoTags":["keywarden-base:build"],"Layers":["layer.tar"]}]
JSON
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$out" \
  -cf "$out/base.tar" manifest.json config.json layer.tar
rm -f "$layer"
