"""Regex pieces for words that dates, ages and expiry dates are said with, in Nordic languages."""

from __future__ import annotations

# Month names (English, Swedish, Norwegian, Danish, Finnish) and common abbreviations.
MONTHS = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|"
    r"januari|februari|mars|maj|juni|juli|augusti|oktober|"
    r"januar|februar|mai|desember|marts|"
    r"okt|des|"
    r"(?:tammi|helmi|maalis|huhti|touko|kesä|heinä|elo|syys|loka|marras|joulu)kuu(?:ta)?)"
)

# Ordinal day words: "twelfth", "twenty-first", "tolfte", "tjugoförsta", "tolvte".
_EN_ORDINALS = (
    r"(?:(?:twenty|thirty)[- ]?)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|"
    r"tenth|eleventh|twelfth|(?:thir|four|fif|six|seven|eigh|nine)teenth|twentieth|thirtieth"
)
_SV_ORDINALS = (
    r"(?:(?:tjugo|trettio)[- ]?)?(?:första|andra|tredje|fjärde|femte|sjätte|sjunde|åttonde|"
    r"nionde)|tionde|elfte|tolfte|(?:tret|fjor|fem|sex|sjut|ar|nit)tonde|tjugonde|trettionde"
)
_NO_DA_ORDINALS = (
    r"(?:(?:tjue|tyve|tretti)[- ]?(?:og[- ]?)?)?(?:første|andre|anden|fjerde|sjette|sjuende|"
    r"syvende|åttende|ottende|niende)|tiende|ellevte|tolvte|(?:tret|fjor|fem|seks|syt|at|nit)"
    r"tende|tjuende|tyvende|trettiende|tredivte"
)
ORDINAL_DAY = rf"(?:{_EN_ORDINALS}|{_SV_ORDINALS}|{_NO_DA_ORDINALS})"

# Stems of spoken cardinal numbers; a spoken number is one or more words built from them
# ("nineteen eighty one", "nittonhundraåttioett", "tjugosju").
_NUMBER_STEMS = (
    r"zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|hundred|thousand|"
    r"noll|ett|en|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|tretton|fjorton|femton|"
    r"sexton|sjutton|arton|nitton|tjugo|tjugu|trettio|fyrtio|femtio|sextio|sjuttio|åttio|"
    r"nittio|hundra|tusen|"
    r"null|to|fire|seks|syv|åtte|otte|ni|ti|elleve|tretten|fjorten|femten|seksten|sytten|"
    r"atten|nitten|tjue|tyve|tretti|tredive|førti|fyrre|femti|halvtreds|seksti|tres|sytti|"
    r"halvfjerds|åtti|firs|nitti|halvfems|hundre|hundrede|tusind|og"
)
_NUMBER_WORD = rf"(?:{_NUMBER_STEMS})+"
SPOKEN_NUMBER = rf"(?<!\w){_NUMBER_WORD}(?:[ -]{_NUMBER_WORD}){{0,4}}(?!\w)"

# A year or a two-digit year, written or spoken.
YEAR = rf"(?:(?:19|20)\d{{2}}|'?\d{{2}}|{SPOKEN_NUMBER})"
