#!/usr/bin/env bash
# Runs docs/getting-started.md as a reader would: every ```bash block, in order, pasted into one shell that starts in
# the repository's root ("From a clone of this repository"). Output examples are ```text blocks and are not run; an
# untagged block fails, so every new block has to say which it is. The README's two set-up commands are checked
# against what runs here: the first must be one of the page's commands, the second (the test suite, which is running
# this) must be the command of .ci/run.
#
# The reader's machine is this IT's folder: HOME (so ~/.dataflow, the registry and warehouse of the page) is
# $work/home, and `mvn` is this build's Maven with the IT's settings and local repository (the reactor is installed
# there, so SKIP_INSTALL=1 tells scripts/run-sample.sh not to install it again).
#
# Usage: run-doc-commands.sh REPOSITORY_ROOT WORK_DIR
set -euo pipefail

root="$(cd "$1" && pwd)"
work="$2"
doc="$root/docs/getting-started.md"

# Prints the lines of every block tagged with the given language; fails on an untagged block.
blocks() {
  local file="$1" language="$2"
  awk -v file="$file" -v language="$language" '
    /^```/ {
      if (!inside) {
        tag = substr($0, 4); sub(/[ \t]+$/, "", tag)
        if (tag == "") { printf "%s:%d: a code block without a language; tag commands ```bash and output ```text\n", file, NR > "/dev/stderr"; failed = 1 }
        inside = 1; wanted = (tag == language)
        if (wanted) printf "#@ %s:%d\n", file, NR
        next
      }
      inside = 0; next
    }
    inside && wanted { print }
    END { if (inside) { printf "%s: a code block is not closed\n", file > "/dev/stderr"; failed = 1 } exit failed }
  ' "$file"
}

# The README: exactly two set-up commands.
mapfile -t readme_commands < <(blocks "$root/README.md" bash | grep -v '^#@')
if [[ ${#readme_commands[@]} -ne 2 ]]; then
  echo "README.md must hold exactly two set-up commands in bash blocks, found ${#readme_commands[@]}: ${readme_commands[*]}" >&2
  exit 1
fi
page_commands="$(blocks "$doc" bash)"
if ! grep -qxF -- "${readme_commands[0]}" <<< "$(sed 's/[[:space:]]*#.*$//' <<< "$page_commands")"; then
  echo "README.md's main job '${readme_commands[0]}' is not a command of docs/getting-started.md, so it is not run here" >&2
  exit 1
fi
if [[ "$(grep -v '^\s*#' "$root/.ci/run" | grep -v '^set \|^cd ' | grep -v '^\s*$')" != "${readme_commands[1]}" ]]; then
  echo "README.md's test command '${readme_commands[1]}' is not what .ci/run runs" >&2
  exit 1
fi

# The reader's machine.
mkdir -p "$work/home" "$work/bin"
real_mvn="$(command -v mvn)"
cat > "$work/bin/mvn" <<EOF
#!/bin/sh
exec "$real_mvn" -B -s "$IT_SETTINGS" -Dmaven.repo.local="$IT_LOCAL_REPOSITORY" "\$@"
EOF
chmod +x "$work/bin/mvn"
export HOME="$work/home"
# Java takes user.home from the password database, not from HOME.
export MAVEN_OPTS="-Duser.home=$HOME ${MAVEN_OPTS:-}"
export PATH="$work/bin:$PATH"
export USER=docs_reader SKIP_INSTALL=1 SAMPLE_DIR="$work"
export GIT_AUTHOR_NAME="Docs reader" GIT_AUTHOR_EMAIL="reader@dataflow.invalid"
export GIT_COMMITTER_NAME="Docs reader" GIT_COMMITTER_EMAIL="reader@dataflow.invalid"

script="$work/getting-started.sh"
{
  echo 'set -eo pipefail'
  echo 'trap '"'"'echo "A command of $block failed (exit $?)" >&2'"'"' ERR'
  # Each block announces itself, so a failure names the block that drifted.
  sed -E 's/^#@ (.*)$/block="\1"; echo ">>> $block"/' <<< "$page_commands"
} > "$script"
cd "$root"
bash "$script"
echo "All command blocks of docs/getting-started.md ran."
# The page says the one-command script can be run again whenever you like: it must, in the same home.
echo ">>> scripts/run-sample.sh again"
bash scripts/run-sample.sh
echo "scripts/run-sample.sh ran again."
