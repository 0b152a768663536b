"""Spec-light county files from exported demo files: what another tool would send (issue 10 bench).

Usage: python3 benches/spec_light.py SRC_DIR DEST_DIR [YEAR]

Every file of SRC_DIR (village documents exported by `yibentong export`) is written to
DEST_DIR as the exchange spec shows a document: no `x_` extensions (no facts' history),
ids of the `h-…`, `m-…`, `c-…` kind, records of lists without ids, and one year's
income book and costs (YEAR, default 2025) and the visits since that year.
"""
import glob
import json
import os
import sys


def strip(o):
    if isinstance(o, dict):
        return {k: strip(v) for k, v in o.items() if not k.startswith("x_")}
    if isinstance(o, list):
        return [strip(v) for v in o]
    return o


def lighten(d, year):
    vc = d["village"]["code"]
    cadres = {}
    for i, c in enumerate(d["cadres"]):
        cadres[c["id"]] = c["id"] = f"c-{vc}-{i}"
    for hi, h in enumerate(d["households"]):
        h["id"] = f"h-{vc}-{hi}"
        members = {}
        for mi, m in enumerate(h["members"]):
            members[m["id"]] = m["id"] = f"m-{vc}-{hi}-{mi}"
        h["income"] = [l for l in h["income"] if l["year"] == year]
        h["expenses"] = [l for l in h["expenses"] if l["year"] == year]
        h["visits"] = [v for v in h["visits"] if v["date"] >= str(year)]
        for r in h["visits"] + h["pairings"]:
            r["cadre"] = cadres[r["cadre"]]
        for e in h.get("events", []):
            if e.get("member"):
                e["member"] = members.get(e["member"], e["member"])
        for k in ("pairings", "visits", "measures", "income", "expenses", "rigid_expenses", "events"):
            for r in h.get(k, []):
                r.pop("id", None)
    return d


def main():
    src, dest = sys.argv[1], sys.argv[2]
    year = int(sys.argv[3]) if len(sys.argv) > 3 else 2025
    os.makedirs(dest, exist_ok=True)
    for f in sorted(glob.glob(os.path.join(src, "*.json"))):
        with open(f, encoding="utf-8") as inp:
            d = lighten(strip(json.load(inp)), year)
        with open(os.path.join(dest, os.path.basename(f)), "w", encoding="utf-8") as out:
            json.dump(d, out, ensure_ascii=False, indent=2)


if __name__ == "__main__":
    main()
