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


def words(table: dict[str, str], lang: str) -> list[str]:
    """A table's entries for `lang`; underscores join multi-word names."""
    return [w.replace("_", " ") for w in table[lang].split()]
