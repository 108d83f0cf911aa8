# Sourced by ./mvnw, ./keywarden and .ci/run: points JAVA_HOME at a JDK of version 21 or newer.
keywarden_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}
keywarden_find_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/* \
    /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(keywarden_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      export JAVA_HOME="$candidate"
      KEYWARDEN_JAVA_MAJOR="$major"
      return 0
    fi
  done
  echo "keywarden: a JDK 21 or newer is needed; set JAVA_HOME to one" >&2
  return 1
}
keywarden_find_jdk || exit 1

# Maven's own libraries (jansi, guava, guice) make JDK 24 and later print warnings about native
# access and sun.misc.Unsafe on every build; these flags let them, quietly. Only JDK 23 and later
# know the second flag, so it is added by version.
keywarden_maven_opts() {
  case " ${MAVEN_OPTS:-} " in *" --enable-native-access=ALL-UNNAMED "*) return 0 ;; esac
  MAVEN_OPTS="--enable-native-access=ALL-UNNAMED ${MAVEN_OPTS:-}"
  if [ "$KEYWARDEN_JAVA_MAJOR" -ge 23 ]; then
    MAVEN_OPTS="--sun-misc-unsafe-memory-access=allow $MAVEN_OPTS"
  fi
  export MAVEN_OPTS
}
