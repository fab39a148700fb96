"""Invented names, streets, towns and e-mail domains for the synthetic corpus."""

from __future__ import annotations

FIRST_NAMES = {
    "sv": "Anna Erik Karin Lars Maria Johan Eva Anders Sofia Mikael Ingrid Björn Astrid Gustav "
    "Elin Oskar Linnea Fredrik Maja Henrik Åsa Göran Ebba Leif Saga Nils Agnes Ahmed Leyla Emir",
    "no": "Ole Kari Sigrid Håkon Solveig Magnus Ragnhild Eirik Tone Knut Marit Øystein Ingvild "
    "Trond Hege Sindre Frøydis Jørgen Aud Vegard",
    "da": "Mette Søren Jens Lone Rasmus Freja Niels Birgitte Mads Ida Anders Lærke Torben Signe "
    "Jesper Karen Morten Sofie Bent Asta",
    "en": "James Mary John Sarah David Emma Michael Olivia Daniel Chloe Thomas Priya Mohammed "
    "Aisha Liam Grace Wei Fatima Connor Siobhan Jack Hannah Raj Zoe",
}
LAST_NAMES = {
    "sv": "Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson "
    "Gustafsson Lindqvist Berg Lundgren Holm Sjöberg Åkesson Ekström Wallin Björklund Forsberg "
    "Yilmaz Hassan Nguyen Kowalski",
    "no": "Hansen Johansen Olsen Larsen Andersen Pedersen Nilsen Kristiansen Jensen Haugen Bakken "
    "Solberg Dahl Lie Strand Sæther Løken Østby",
    "da": "Nielsen Jensen Hansen Pedersen Andersen Christensen Larsen Sørensen Rasmussen "
    "Jørgensen Madsen Kjær Mikkelsen Østergaard Frederiksen Bech",
    "en": "Smith Jones Taylor Brown Williams Wilson Johnson Davies Patel Wright O'Brien Murphy "
    "Khan Evans Thompson Walker Chen Robinson Clarke Hughes Okafor MacLeod",
}
STREETS = {
    "sv": "Storgatan Kungsgatan Drottninggatan Kungsvägen Järnvägsgatan Skolgatan Ringvägen "
    "Björkvägen Parkvägen Sveavägen Hantverkargatan Södra_Förstadsgatan Vasagatan Åsgränd",
    "no": "Storgata Kirkeveien Bygdøy_allé Thorvald_Meyers_gate Kongens_gate Skolegata "
    "Markveien Trondheimsveien Ullevålsveien Strandveien",
    "da": "Nørrebrogade Vesterbrogade Østerbrogade Strandvejen Jagtvej Amagerbrogade "
    "Hovedgaden Skolevej Kirkevej Algade",
    "en": "Baker_Street High_Street Church_Road Station_Road Victoria_Road Mill_Lane "
    "Park_Avenue Queen's_Road King_Street Elm_Grove",
}
TOWNS = {
    "sv": "Stockholm Göteborg Malmö Uppsala Västerås Örebro Linköping Umeå Lund Borås Gävle",
    "no": "Oslo Bergen Trondheim Stavanger Tromsø Drammen Kristiansand Bodø",
    "da": "København Aarhus Odense Aalborg Esbjerg Randers Kolding Vejle",
    "en": "London Manchester Leeds Bristol Glasgow Cardiff Dublin Edinburgh",
}
COMPANIES = {
    "sv": "Byggmästarna_AB Norrlands_El Lindqvists_Måleri Kaffekompaniet Vårdhuset_Syd",
    "no": "Fjordkraft_Service Bakken_Bygg Nordlys_Regnskap",
    "da": "Kjær_Tømrer Nordhavn_Consult Bech_Elektrik",
    "en": "Brightwater_Plumbing Acme_Logistics Northgate_Dental Parkside_Motors",
}
EMAIL_DOMAINS = {
    "sv": "gmail.com hotmail.se telia.com outlook.com foretaget.se bredband.net",
    "no": "gmail.com online.no hotmail.no outlook.com firma.no",
    "da": "gmail.com hotmail.dk mail.dk outlook.com firma.dk",
    "en": "gmail.com outlook.com yahoo.co.uk example.com btinternet.com",
}


# Held-out pools: other (often rarer) names, streets, towns, companies and domains, used only
# for the held-out corpus so that recognizers tuned on corpus.json are measured on values
# they never saw.
HELDOUT_FIRST_NAMES = {
    "sv": "Tuva Ylva Sixten Folke Idun Vilgot Dagny Alvar Majken Torsten Siri Hampus Selma "
    "Ture Ronja Svea Melker Gunnel Joar Wilma Amir Noor Dijana",
    "no": "Torgeir Gunnhild Asbjørn Synnøve Halvard Bergljot Eivind Tordis Arnfinn Liv "
    "Kjellaug Ståle",
    "da": "Villads Karoline Thorkild Gry Asger Vibeke Palle Dorthe Esben Tove Kasper Nanna",
    "en": "Eleanor Rhys Imogen Declan Niamh Callum Ayesha Tobias Rosalind Kwame Ottilie "
    "Arjun Bronwen Fergus Ines",
}
HELDOUT_LAST_NAMES = {
    "sv": "Bergqvist Hedlund Fransson Strömberg Lindahl Wikström Sandberg Nordin Öberg "
    "Abdullahi Mäkinen Hallberg Engström Rudberg Blomqvist Ivarsson",
    "no": "Fossum Brekke Gundersen Myhre Aasen Tveit Ødegård Rustad Vik Grønli",
    "da": "Dalsgaard Lauritsen Vestergaard Holst Thygesen Krogh Bundgaard Skov Iversen",
    "en": "Fairbairn Pemberton Oyelaran Whitlock Ashdown Kowalczyk Brennan Ramsay Oduya "
    "Thistlewood Nakamura Featherstone",
}
HELDOUT_STREETS = {
    "sv": "Tegnérgatan Odengatan Hornsgatan Linnégatan Slottsvägen Gröndalsvägen Bergsgatan "
    "Majorsgatan Fiskargränd Ängsvägen Tallstigen Lilla_Nygatan Nybrogatan",
    "no": "Grensen Pilestredet Møllergata Sognsveien Bogstadveien Bjerregaards_gate "
    "Maridalsveien Sandakerveien",
    "da": "Frederiksberggade Istedgade Gothersgade Åboulevarden Sønder_Allé Ryesgade "
    "Nyhavn Bredgade",
    "en": "Acacia_Avenue Wellington_Road Ashford_Lane Granville_Terrace Rosebank_Close "
    "Primrose_Hill Orchard_Way Beechwood_Drive Albion_Street Kingsley_Crescent",
}
HELDOUT_TOWNS = {
    "sv": "Sundsvall Jönköping Karlstad Norrköping Luleå Kalmar Visby Östersund Skellefteå",
    "no": "Ålesund Hamar Molde Harstad Lillehammer Narvik",
    "da": "Roskilde Herning Silkeborg Horsens Svendborg Næstved",
    "en": "Sheffield Norwich Aberdeen Swansea Belfast Plymouth Brighton",
}
HELDOUT_COMPANIES = {
    "sv": "Hedlunds_Rör Fjällbacka_Fisk Östra_Städ Bergslagens_Bageri",
    "no": "Vestland_Transport Fossum_Maling Nordkapp_Data",
    "da": "Holst_VVS Skov_Tagdækning Fyns_Revision",
    "en": "Greenfield_Roofing Harbourside_Cafe Summit_Accountancy",
}
HELDOUT_EMAIL_DOMAINS = {
    "sv": "live.se yahoo.se comhem.se spray.se icloud.com",
    "no": "live.no yahoo.no icloud.com broadpark.no",
    "da": "live.dk yahoo.dk icloud.com jubii.dk",
    "en": "hotmail.co.uk icloud.com protonmail.com sky.com",
}
_POOLS = {
    False: {
        "FIRST_NAMES": FIRST_NAMES,
        "LAST_NAMES": LAST_NAMES,
        "STREETS": STREETS,
        "TOWNS": TOWNS,
        "COMPANIES": COMPANIES,
        "EMAIL_DOMAINS": EMAIL_DOMAINS,
    },
    True: {
        "FIRST_NAMES": HELDOUT_FIRST_NAMES,
        "LAST_NAMES": HELDOUT_LAST_NAMES,
        "STREETS": HELDOUT_STREETS,
        "TOWNS": HELDOUT_TOWNS,
        "COMPANIES": HELDOUT_COMPANIES,
        "EMAIL_DOMAINS": HELDOUT_EMAIL_DOMAINS,
    },
}
_heldout = False


def use_heldout(flag: bool) -> None:
    """Draw values from the held-out pools (True) or the main ones (False)."""
    global _heldout
    _heldout = flag


def pool(name: str, lang: str) -> list[str]:
    """The active pool `name` ("FIRST_NAMES", "STREETS", ...) for `lang`."""
    return words(_POOLS[_heldout][name], lang)


def words(table: dict[str, str], lang: str) -> list[str]:
    """A table's entries for `lang`; underscores join multi-word names."""
    return [w.replace("_", " ") for w in table[lang].split()]
