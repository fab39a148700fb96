"""Rebuilds the name gazetteer and word lists in this folder (a dev tool; see PROVENANCE.md)."""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Faker (Python) person locales -> the country each list describes.
FAKER_LOCALES = {"sv_SE": "SE", "no_NO": "NO", "da_DK": "DK", "fi_FI": "FI"}
# English-speaking locales (callers with English names): first names from all four, surnames
# from US, GB and IN (en_IE's surnames are mostly Irish-language forms). Names that are spaCy
# stop words ("May", "Andre", "Us") are left out of these.
FAKER_EXTRA_FIRST = {"en_US": "US", "en_GB": "GB", "en_IE": "IE", "en_IN": "IN"}
FAKER_EXTRA_LAST = {"en_US": "US", "en_GB": "GB", "en_IN": "IN"}
# @faker-js/faker locales -> country.
FAKER_JS_LOCALES = {"sv": "SE", "nb_NO": "NO", "da": "DK", "fi": "FI"}
# Spell-checker stems (Debian hunspell-sv, hunspell-da, hunspell-no) and the SCOWL list.
HUNSPELL = {
    "sv": ("/usr/share/hunspell/sv_SE.dic", "utf-8"),
    "da": ("/usr/share/hunspell/da_DK.dic", "utf-8"),
    "nb": ("/usr/share/hunspell/nb_NO.dic", "latin-1"),
}
ENGLISH_WORDS = "/usr/share/dict/american-english"
# Voikko word classes that are names; any other analysis makes a Finnish name a common word.
VOIKKO_NAME_CLASSES = {"etunimi", "sukunimi", "paikannimi", "nimi"}
SPACY_STOP_LANGUAGES = ("sv", "nb", "da", "fi", "en")

_FAKER_JS_DUMP = """
const out = {};
for (const loc of %s) {
  const m = await import(`%s/dist/locale/${loc}.js`);
  const f = Object.values(m).find((v) => v && v.rawDefinitions);
  const p = f.rawDefinitions.person;
  const flat = (x) => (!x ? [] : Array.isArray(x) ? x : Object.values(x).flat());
  out[loc] = { first: flat(p.first_name), last: flat(p.last_name) };
}
console.log(JSON.stringify(out));
"""


def faker_names(faker_root: Path) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """(first names, surnames) -> countries, from an unpacked Faker wheel."""
    sys.path.insert(0, str(faker_root))
    first: dict[str, set[str]] = {}
    last: dict[str, set[str]] = {}
    for locale, country in FAKER_LOCALES.items():
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for name in provider.first_names:
            first.setdefault(name, set()).add(country)
        for name in provider.last_names:
            last.setdefault(name, set()).add(country)
    stop = stop_words()
    for extra, names, attribute in (
        (FAKER_EXTRA_FIRST, first, "first_names"),
        (FAKER_EXTRA_LAST, last, "last_names"),
    ):
        lower = {name.lower(): name for name in names}
        for locale, country in extra.items():
            provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
            for name in getattr(provider, attribute):
                if len(name) > 1 and name[0].isupper() and name.lower() not in stop:
                    names.setdefault(lower.setdefault(name.lower(), name), set()).add(country)
    return first, last


def faker_js_names(package: Path, first: dict[str, set[str]], last: dict[str, set[str]]) -> None:
    """Adds the names of an unpacked @faker-js/faker package (read with node)."""
    script = _FAKER_JS_DUMP % (json.dumps(list(FAKER_JS_LOCALES)), package.as_posix())
    dump = subprocess.run(
        ["node", "--input-type=module", "-e", script], check=True, capture_output=True, text=True
    )
    for locale, lists in json.loads(dump.stdout).items():
        country = FAKER_JS_LOCALES[locale]
        for name in lists["first"]:
            first.setdefault(name, set()).add(country)
        for name in lists["last"]:
            last.setdefault(name, set()).add(country)


def dictionary_stems() -> dict[str, set[str]]:
    """Lower-case dictionary words -> languages, from hunspell stems and the English list."""
    words: dict[str, set[str]] = {}
    for language, (path, encoding) in HUNSPELL.items():
        for line in Path(path).read_text(encoding=encoding).splitlines()[1:]:
            stem = line.split("/", 1)[0].strip()
            if stem and stem == stem.lower():
                words.setdefault(stem, set()).add(language)
    for line in Path(ENGLISH_WORDS).read_text(encoding="utf-8").splitlines():
        if line and line == line.lower() and "'" not in line:
            words.setdefault(line, set()).add("en")
    return words


def finnish_common_words(names: Iterable[str]) -> set[str]:
    """Names that Voikko also analyses as an ordinary Finnish word (onni = luck)."""
    sys.path.append("/usr/lib/python3/dist-packages")
    libvoikko = importlib.import_module("libvoikko")
    voikko = libvoikko.Voikko("fi")
    common = set()
    for name in names:
        classes = {a.get("CLASS") for a in voikko.analyze(name)}
        classes |= {a.get("CLASS") for a in voikko.analyze(name.lower())}
        if classes - VOIKKO_NAME_CLASSES - {None}:
            common.add(name.lower())
    voikko.terminate()
    return common


def stop_words() -> dict[str, set[str]]:
    """spaCy's stop words per language (function words NER must never call a name or place)."""
    words: dict[str, set[str]] = {}
    for language in SPACY_STOP_LANGUAGES:
        module = importlib.import_module(f"spacy.lang.{language}.stop_words")
        for word in module.STOP_WORDS:
            words.setdefault(word.lower(), set()).add(language)
    return words


def write_tsv(path: Path, rows: dict[str, set[str]], header: str) -> None:
    """Writes `name<TAB>tags` lines, sorted, under a comment header."""
    lines = [f"# {header}"] + [f"{k}\t{','.join(sorted(v))}" for k, v in sorted(rows.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    """Rebuild first_names.tsv, surnames.tsv, name_words.tsv and stop_words.tsv."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--faker", type=Path, required=True, help="unpacked Faker wheel")
    parser.add_argument("--faker-js", type=Path, required=True, help="unpacked @faker-js/faker")
    args = parser.parse_args()
    first, last = faker_names(args.faker)
    faker_js_names(args.faker_js, first, last)
    # Drop one-letter entries and Icelandic-style placeholders.
    first = {k: v for k, v in first.items() if len(k) > 1 and k[0].isupper()}
    last = {k: v for k, v in last.items() if len(k) > 1 and k[0].isupper()}
    dictionary = dictionary_stems()
    finnish = finnish_common_words({*first, *last})
    name_words: dict[str, set[str]] = {}
    for name in {*first, *last}:
        key = name.lower()
        languages = set(dictionary.get(key, set()))
        if key in finnish:
            languages.add("fi")
        if languages:
            name_words[key] = languages
    write_tsv(HERE / "first_names.tsv", first, "first name<TAB>countries (Faker, @faker-js)")
    write_tsv(HERE / "surnames.tsv", last, "surname<TAB>countries (Faker, @faker-js)")
    write_tsv(HERE / "name_words.tsv", name_words, "name that is also a word<TAB>languages")
    write_tsv(HERE / "stop_words.tsv", stop_words(), "stop word<TAB>languages (spaCy)")


if __name__ == "__main__":
    main()
