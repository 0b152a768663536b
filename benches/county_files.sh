#!/usr/bin/env bash
# County files for the import benchmarks (docs/benchmarks.md, eighth and ninth rounds): a demo
# county of N households, exported village by village (DIR/demo: the demo's own files, with
# their history), and the same as another tool would send them (DIR/light: benches/spec_light.py).
# Usage: benches/county_files.sh N DIR   (then: yibentong --db c.db import DIR/light/*.json)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:?households}
dir=${2:?output folder}
bin=target/release/yibentong
[ -x "$bin" ] || cargo build --release --bin yibentong -q
rm -rf "$dir"
mkdir -p "$dir/demo" "$dir/light"
"$bin" demo --out "$dir/county.db" --households "$n" > /dev/null
codes=$(python3 -c "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); print(' '.join(r[0] for r in c.execute('SELECT code FROM villages WHERE deleted = 0 ORDER BY code')))" "$dir/county.db")
for code in $codes; do
  "$bin" --db "$dir/county.db" export --village "$code" > "$dir/demo/$code.json"
done
python3 benches/spec_light.py "$dir/demo" "$dir/light"
du -sh "$dir/demo" "$dir/light"
