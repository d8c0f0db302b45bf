#!/usr/bin/env bash
# Regenerates the one Initial migration of each provider from the model (docs/architecture.md: squash
# until the first production install, never after), keeping the hand-written block: what follows the line
# "// Hand-written" at the end of Up, and the lines before the first generated statement of Down.
set -euo pipefail
cd "$(dirname "$0")/../src/Vigil.Web"
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  folder=Platform/Data/Migrations/$provider
  old=$(ls $folder/*_Initial.cs | grep -v Designer)
  up=$(mktemp); down=$(mktemp)
  # Up: from the "// Hand-written" line to the end of the Up method (the line before "        }" that closes it).
  awk '/\/\/ Hand-written/{keep=1} keep && /^        }$/{exit} keep{print}' "$old" > "$up"
  # Down: the lines between "Down(...)" "{" and the first generated statement (the first blank line).
  awk '/protected override void Down/{getline; inside=1; next} inside && /^$/{exit} inside{print}' "$old" > "$down"
  rm -f $folder/*.cs
  dotnet ef migrations add Initial --context ${provider}VigilDb --output-dir $folder >/dev/null
  new=$(ls $folder/*_Initial.cs | grep -v Designer)
  python3 - "$new" "$up" "$down" <<'PY'
import sys
path, up, down = sys.argv[1], open(sys.argv[2]).read(), open(sys.argv[3]).read()
s = open(path).read()
i = s.index("protected override void Down")
end_up = s.rindex("        }", 0, i)
s = s[:end_up] + "\n" + up + s[end_up:]
j = s.index("{", s.index("protected override void Down")) + 1
s = s[:j] + "\n" + down.rstrip("\n") + "\n" + s[j:]
open(path, "w").write(s)
PY
  rm -f "$up" "$down"
  echo "$provider: $(basename "$new")"
done
