"""Small per-language word lists that surrogates draw fake names, places and companies from."""

from __future__ import annotations

# fmt: off
# Common given names and surnames: realistic, and far too common to point at anyone.
FIRST_NAMES: dict[str, tuple[str, ...]] = {
    "en": (
        "James", "Mary", "Robert", "Linda", "Michael", "Susan", "David", "Karen", "Daniel",
        "Emma", "Thomas", "Sarah", "Paul", "Laura", "Mark", "Helen", "Steven", "Alice",
        "Andrew", "Rachel", "Kevin", "Olivia", "Brian", "Grace",
    ),
    "sv": (
        "Anders", "Anna", "Lars", "Eva", "Mikael", "Karin", "Per", "Maria", "Johan",
        "Kristina", "Magnus", "Lena", "Stefan", "Sara", "Fredrik", "Emma", "Mats", "Ingrid",
        "Oskar", "Elin", "Henrik", "Sofia", "Gustav", "Maja",
    ),
    "nb": (
        "Ole", "Kari", "Lars", "Ingrid", "Knut", "Anne", "Bjørn", "Marit", "Arne", "Liv",
        "Geir", "Hilde", "Terje", "Silje", "Eirik", "Nora", "Sindre", "Ida", "Håkon", "Tone",
    ),
    "da": (
        "Jens", "Mette", "Søren", "Hanne", "Niels", "Lone", "Rasmus", "Pia", "Mads",
        "Camilla", "Henrik", "Louise", "Anders", "Signe", "Frederik", "Ida", "Jesper", "Tine",
    ),
    "fi": (
        "Juha", "Anne", "Mikko", "Tuula", "Timo", "Päivi", "Jari", "Sanna", "Antti", "Minna",
        "Pekka", "Leena", "Ville", "Riikka", "Janne", "Kaisa", "Lauri", "Aino",
    ),
    "de": (
        "Thomas", "Sabine", "Michael", "Petra", "Andreas", "Claudia", "Stefan", "Monika",
        "Jürgen", "Anja", "Markus", "Katrin", "Frank", "Julia", "Tobias", "Lena",
    ),
}

LAST_NAMES: dict[str, tuple[str, ...]] = {
    "en": (
        "Taylor", "Brown", "Wilson", "Evans", "Walker", "Wright", "Robinson", "Thompson",
        "White", "Hughes", "Edwards", "Green", "Hall", "Wood", "Harris", "Clarke", "Turner",
        "Parker", "Cooper", "Morris", "Baker", "Young", "King", "Lewis",
    ),
    "sv": (
        "Andersson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
        "Svensson", "Gustafsson", "Pettersson", "Lindberg", "Lindström", "Lindqvist",
        "Berglund", "Axelsson", "Lundberg", "Holm", "Sandberg", "Bergström", "Forsberg",
    ),
    "nb": (
        "Hansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen",
        "Jensen", "Karlsen", "Berg", "Haugen", "Hagen", "Bakken", "Solberg", "Moen", "Dahl",
    ),
    "da": (
        "Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen",
        "Sørensen", "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen",
    ),
    "fi": (
        "Korhonen", "Virtanen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine",
        "Heikkinen", "Koskinen", "Järvinen", "Lehtonen", "Lehtinen", "Saarinen", "Salminen",
    ),
    "de": (
        "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
        "Schulz", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Neumann", "Braun",
    ),
}

CITIES: dict[str, tuple[str, ...]] = {
    "en": ("Springfield", "Riverside", "Fairview", "Greenville", "Kingston", "Ashford"),
    "sv": ("Västerås", "Örebro", "Linköping", "Jönköping", "Gävle", "Borås", "Sundsvall"),
    "nb": ("Drammen", "Fredrikstad", "Hamar", "Ålesund", "Bodø", "Lillehammer"),
    "da": ("Vejle", "Horsens", "Randers", "Kolding", "Silkeborg", "Næstved"),
    "fi": ("Lahti", "Kuopio", "Jyväskylä", "Pori", "Joensuu", "Lappeenranta"),
    "de": ("Kassel", "Würzburg", "Regensburg", "Göttingen", "Ulm", "Paderborn"),
}

STREETS: dict[str, tuple[str, ...]] = {
    "en": ("Oak Street", "Mill Lane", "Church Road", "Park Avenue", "Station Road"),
    "sv": ("Storgatan", "Kyrkogatan", "Skolvägen", "Björkvägen", "Parkgatan", "Ringvägen"),
    "nb": ("Storgata", "Kirkeveien", "Skolegata", "Parkveien", "Bjørkeveien"),
    "da": ("Vestergade", "Østergade", "Skolevej", "Kirkevej", "Parkvej"),
    "fi": ("Koulukatu", "Kirkkokatu", "Puistotie", "Rantatie", "Koivukuja"),
    "de": ("Hauptstraße", "Schulstraße", "Gartenstraße", "Bahnhofstraße", "Dorfstraße"),
}

ORGANIZATIONS: dict[str, tuple[str, ...]] = {
    "en": ("Northwind Traders", "Blue Harbor Ltd", "Greenfield Supplies", "Summit Systems"),
    "sv": ("Nordvind Handel AB", "Fjällbygg AB", "Sjöstads Elektro AB", "Granskog Konsult AB"),
    "nb": ("Fjordlys AS", "Nordkyst Handel AS", "Bjørkeli Bygg AS", "Havbris Data AS"),
    "da": ("Nordlys ApS", "Strandvejens Handel A/S", "Bøgeskov IT ApS", "Kystgaard A/S"),
    "fi": ("Pohjoistuuli Oy", "Järvisuo Rakennus Oy", "Koivulehto Data Oy", "Rantakallio Oy"),
    "de": ("Nordwind Handel GmbH", "Bergtal Bau GmbH", "Lindenhof Systeme AG", "Seeblick KG"),
}

# fmt: on

_ALIASES = {"sv": "sv", "no": "nb", "nb": "nb", "nn": "nb", "da": "da", "fi": "fi", "de": "de"}


def list_language(language: str | None) -> str:
    """Which lists serve `language` (by its base tag: "sv-SE" -> "sv"); English by default."""
    base = (language or "en").split("-")[0].split("_")[0].lower()
    return _ALIASES.get(base, "en")


def for_language(table: dict[str, tuple[str, ...]], language: str | None) -> tuple[str, ...]:
    """The list of `table` for `language`."""
    return table[list_language(language)]
