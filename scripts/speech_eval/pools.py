"""Invented names, streets, e-mail domains and voices: one pool for dev, another for heldout."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Pools:
    """What one set's values and voices are drawn from; dev and heldout share none of it."""

    first_names: dict[str, list[str]]
    last_names: dict[str, list[str]]
    street_stems: dict[str, list[str]]
    email_domains: dict[str, list[str]]
    customer_prefixes: list[str]
    # espeak-ng voices per language (language code + variant) and speeds in words per minute.
    voices: dict[str, list[str]]
    speeds: list[int]


def _split(table: dict[str, str]) -> dict[str, list[str]]:
    return {lang: words.split() for lang, words in table.items()}


DEV = Pools(
    first_names=_split(
        {
            "en": "Oliver Amelia Harry Isla George Ava Noah Mia Jacob Evelyn Charlie Poppy "
            "Samuel Ruby Joseph Lily Ethan Florence Lucas Freya Nathan Imogen Owen Holly",
            "sv": "Anna Erik Karin Lars Maria Johan Eva Anders Sofia Mikael Ingrid Björn "
            "Astrid Gustav Elin Oskar Linnea Fredrik Maja Henrik",
            "no": "Ole Kari Sigrid Håkon Solveig Magnus Ragnhild Eirik Tone Knut",
            "da": "Mette Søren Jens Lone Rasmus Freja Niels Birgitte Mads Ida",
        }
    ),
    last_names=_split(
        {
            "en": "Harrison Fletcher Marshall Gibson Holloway Pemberton Ashworth Whitaker "
            "Thornton Blackwood Kendall Fairbanks Lockwood Sutherland Prescott Hargreaves",
            "sv": "Andersson Johansson Karlsson Nilsson Eriksson Lindqvist Lundgren Sjöberg "
            "Ekström Wallin Björklund Forsberg Holmberg Sandström",
            "no": "Hansen Johansen Haugen Bakken Solberg Strand Sæther Løken",
            "da": "Nielsen Jensen Christensen Sørensen Rasmussen Jørgensen Kjær Mikkelsen",
        }
    ),
    street_stems=_split(
        {
            "en": "Birchwood Maple Willow Hawthorn Chestnut Rosemary Kingsley Ashgrove "
            "Fernhill Oakridge",
            "sv": "Björk Ek Lind Sjö Storm Berg Rosen Hassel Kvarn Tall",
            "no": "Fjell Bjørke Skog Strand Elve Furu",
            "da": "Bøge Ege Strand Møllen Skov Lunde",
        }
    ),
    email_domains=_split(
        {
            "en": "brightmail.com postbox.co.uk lumenet.com kestrel.org",
            "sv": "nordpost.se telemejl.se brevlådan.se",
            "no": "fjordnett.no postkassen.no",
            "da": "postkasse.dk netmail.dk",
        }
    ),
    customer_prefixes=["CID", "KN", "AC"],
    voices={
        "en": ["en-us+m3", "en-us+f2", "en-gb+m1", "en-gb+f3", "en-us+m5"],
        "sv": ["sv+m1", "sv+f2", "sv+m3", "sv+f1"],
        "no": ["nb+m2", "nb+f2"],
        "da": ["da+m3", "da+f3"],
    },
    speeds=[135, 150, 165],
)

HELDOUT = Pools(
    first_names=_split(
        {
            "en": "Declan Bethany Rhys Tamsin Callum Niamh Ewan Morven Gareth Rowena Alistair "
            "Philippa Dominic Harriet Lachlan Cressida Tobias Esme Reuben Marigold",
            "sv": "Tuva Ylva Sixten Folke Idun Vilgot Dagny Alvar Majken Torsten Siri Hampus "
            "Selma Ture Gunvor Algot",
            "no": "Torbjørg Vebjørn Gudrun Asbjørn Signy Ivar Aslaug Trygve",
            "da": "Ejnar Karoline Valdemar Gudrun Aksel Thyra Svend Ingeborg",
        }
    ),
    last_names=_split(
        {
            "en": "Winterbottom Quennell Aldridge Pennington Mcallister Rutherford Tremayne "
            "Cartwright Beauchamp Dunmore Ellsworth Galloway Hathersage Inglewood",
            "sv": "Bergqvist Hellström Norrby Ståhlberg Wennerholm Fagerlund Ljungdahl "
            "Rosenqvist Tornberg Åhlund Skoglund Hedenius",
            "no": "Fjeldstad Grønvold Hovland Myklebust Rønning Tveit Vatne Kvamme",
            "da": "Bundgaard Damgaard Overgaard Lykkegaard Holmgaard Vestergaard Skovgaard",
        }
    ),
    street_stems=_split(
        {
            "en": "Larkspur Foxglove Thistledown Brackenbury Harrowgate Meadowsweet "
            "Kingfisher Ravensworth Bellflower Quarrybank",
            "sv": "Lärk Rönn Hägg Mås Tjäder Slån Ljung Ask",
            "no": "Rogn Lyng Måke Ørne Hegg",
            "da": "Hyld Rønne Mågen Lærke Hassel",
        }
    ),
    email_domains=_split(
        {
            "en": "quillpost.com harbourline.co.uk tidewell.net",
            "sv": "ljungmejl.se fjällpost.se",
            "no": "nordlysmail.no",
            "da": "havnepost.dk",
        }
    ),
    customer_prefixes=["CN", "REF", "MB"],
    voices={
        "en": ["en-gb-x-rp+m7", "en-gb-scotland+f4", "en-us+m6", "en-029+f5", "en-gb+m2"],
        "sv": ["sv+m4", "sv+f4", "sv+m6", "sv+f5"],
        "no": ["nb+m4", "nb+f4"],
        "da": ["da+m6", "da+f4"],
    },
    speeds=[128, 145, 172],
)
