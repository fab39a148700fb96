"""Sentence frames: what the agent asks and how the customer answers, for dev and for heldout.

A frame is (agent question, customer answer); `{TYPE}` slots take a value of that type. The
heldout frames are worded differently from the dev frames, so that a redactor tuned on dev
phrasing is measured on phrasing it never saw.
"""

from __future__ import annotations

Frame = tuple[str, str]

DEV_FRAMES: dict[str, list[Frame]] = {
    "en": [
        ("Could you confirm your personal number?", "Sure, it is {NATIONAL_ID}."),
        ("What is your personal identity number?", "My personal number is {NATIONAL_ID}."),
        ("Can I take your social security number?", "Yes, {NATIONAL_ID}."),
        ("What is the best number to reach you on?", "My phone number is {PHONE}."),
        ("Can I have a phone number, please?", "You can call me on {PHONE}, thanks."),
        ("What email address should we use?", "My email is {EMAIL}."),
        ("Could you spell out your email?", "It's {EMAIL}, all lower case."),
        ("Which card is the payment on?", "The card number is {CARD_NUMBER}."),
        ("Can you read me the long number on the card?", "Okay, {CARD_NUMBER}."),
        ("What is the IBAN for the refund?", "The IBAN is {IBAN}."),
        ("May I have your name, please?", "My name is {PERSON}."),
        ("Who am I speaking with today?", "Hi, this is {PERSON} calling about my invoice."),
        ("What is your full name?", "It's {PERSON}."),
        ("What is the address on the account?", "I live at {STREET_ADDRESS}."),
        ("Where should we send the replacement?", "Please send it to {STREET_ADDRESS}."),
        ("And the postcode?", "The zip code is {POSTCODE}."),
        ("What is your date of birth?", "I was born on {DATE_OF_BIRTH}."),
        ("Can you confirm your date of birth?", "It's {DATE_OF_BIRTH}."),
        ("Do you have your customer number?", "Yes, my customer number is {CUSTOMER_ID}."),
        ("What is your account reference?", "The reference is {CUSTOMER_ID}."),
        (
            "Can I have your name and a phone number?",
            "This is {PERSON}, and my number is {PHONE}.",
        ),
        (
            "Could you confirm your name and date of birth?",
            "{PERSON}, born {DATE_OF_BIRTH}.",
        ),
    ],
    "sv": [
        ("Vad är ditt personnummer?", "Mitt personnummer är {NATIONAL_ID}."),
        ("Kan du bekräfta ditt personnummer?", "Ja, det är {NATIONAL_ID}."),
        ("Vilket telefonnummer kan vi nå dig på?", "Mitt telefonnummer är {PHONE}."),
        ("Har du ett mobilnummer?", "Ja, det är {PHONE}."),
        ("Vilken e-postadress har du?", "Min mejl är {EMAIL}."),
        ("Vad är ditt kortnummer?", "Kortnumret är {CARD_NUMBER}."),
        ("Vilket IBAN ska vi betala tillbaka till?", "Mitt IBAN är {IBAN}."),
        ("Vad heter du?", "Jag heter {PERSON}."),
        ("Vem pratar jag med?", "Hej, det är {PERSON} här."),
        ("Vilken adress gäller det?", "Jag bor på {STREET_ADDRESS}."),
        ("Vart ska vi skicka paketet?", "Skicka det till {STREET_ADDRESS}, tack."),
        ("Vad har du för postnummer?", "Postnumret är {POSTCODE}."),
        ("När är du född?", "Jag är född {DATE_OF_BIRTH}."),
        ("Vad är ditt kundnummer?", "Mitt kundnummer är {CUSTOMER_ID}."),
        (
            "Kan jag få ditt namn och telefonnummer?",
            "Jag heter {PERSON} och numret är {PHONE}.",
        ),
    ],
    "no": [
        ("Hva er fødselsnummeret ditt?", "Fødselsnummeret mitt er {NATIONAL_ID}."),
        ("Hvilket telefonnummer kan vi nå deg på?", "Telefonnummeret mitt er {PHONE}."),
        ("Hva heter du?", "Jeg heter {PERSON}."),
        ("Hva er e-postadressen din?", "E-posten min er {EMAIL}."),
        ("Hva er postnummeret?", "Postnummeret er {POSTCODE}."),
        ("Når er du født?", "Jeg er født {DATE_OF_BIRTH}."),
        ("Hva er kortnummeret?", "Kortnummeret er {CARD_NUMBER}."),
    ],
    "da": [
        ("Hvad er dit CPR-nummer?", "Mit CPR-nummer er {NATIONAL_ID}."),
        ("Hvad er dit telefonnummer?", "Mit telefonnummer er {PHONE}."),
        ("Hvad hedder du?", "Jeg hedder {PERSON}."),
        ("Hvad er din e-mail?", "Min e-mail er {EMAIL}."),
        ("Hvad er postnummeret?", "Postnummeret er {POSTCODE}."),
        ("Hvornår er du født?", "Jeg er født {DATE_OF_BIRTH}."),
        ("Hvad er kortnummeret?", "Kortnummeret er {CARD_NUMBER}."),
    ],
}

HELDOUT_FRAMES: dict[str, list[Frame]] = {
    "en": [
        ("For security, what's your ID number?", "Right, that would be {NATIONAL_ID}."),
        ("I'll need your national identity number.", "Okay so it's {NATIONAL_ID}, I think."),
        ("Could I get a contact number?", "Yeah, try {PHONE}, that's my mobile."),
        ("Which number are you calling from?", "I'm on {PHONE} at the moment."),
        ("Where do we send the receipt?", "Send it over to {EMAIL} please."),
        ("And the email on file?", "Should be {EMAIL}."),
        ("Which card would you like to use?", "Let me see, {CARD_NUMBER}."),
        ("Your bank details for the transfer?", "Okay, account {IBAN}."),
        ("Who do I have the pleasure of speaking to?", "You're speaking to {PERSON}."),
        ("Is the account in your name?", "No, it's in my husband's name, {PERSON}."),
        ("Whose name is on the booking?", "It was booked by {PERSON} last week."),
        ("Has the address changed?", "Yes, we moved to {STREET_ADDRESS} in May."),
        ("Where is the engineer going?", "The job is at {STREET_ADDRESS}, round the back."),
        ("What's the postal code there?", "Postal code {POSTCODE}."),
        ("For verification, your birthday?", "Born {DATE_OF_BIRTH}, if that helps."),
        ("Just to verify, when were you born?", "Um, {DATE_OF_BIRTH}."),
        ("Do you have your membership number?", "Hang on, it's {CUSTOMER_ID}."),
        ("Is there a reference on your letter?", "The letter says {CUSTOMER_ID}."),
        (
            "Who is calling, and on which number?",
            "It's {PERSON} ringing from {PHONE}.",
        ),
        (
            "Name and birthday for the record?",
            "{PERSON}, birthday {DATE_OF_BIRTH}.",
        ),
    ],
    "sv": [
        ("Kan jag få ditt personnummer för att logga in?", "Visst, {NATIONAL_ID}."),
        ("Vilket personnummer står avtalet på?", "Det står på {NATIONAL_ID}, tror jag."),
        ("Var kan vi ringa dig?", "Ring gärna {PHONE} efter lunch."),
        ("Vilket nummer ringer du från?", "Jag ringer från {PHONE}."),
        ("Vart skickar vi kvittot?", "Skicka det till {EMAIL}."),
        ("Vilket kort vill du använda?", "Ta det som slutar, nej vänta, {CARD_NUMBER}."),
        ("Vilket konto ska pengarna till?", "Kontot har IBAN {IBAN}."),
        ("Står avtalet på dig?", "Nej, på min fru, {PERSON}."),
        ("Vem har bokat?", "Det var {PERSON} som bokade."),
        ("Var ska teknikern komma?", "Till {STREET_ADDRESS}, porten på baksidan."),
        ("Har du flyttat?", "Ja, vi bor numera på {STREET_ADDRESS}."),
        ("Och postnumret där?", "Det är {POSTCODE} tror jag."),
        ("Vilket datum är du född?", "Född {DATE_OF_BIRTH}, om det hjälper."),
        ("Har du ditt medlemsnummer?", "Vänta lite, det är {CUSTOMER_ID}."),
        ("Vem ringer, och från vilket nummer?", "Det är {PERSON}, på {PHONE}."),
    ],
    "no": [
        ("Kan jeg få personnummeret ditt?", "Ja, det er {NATIONAL_ID}."),
        ("Hvor kan vi ringe deg?", "Ring meg på {PHONE}."),
        ("Hvem snakker jeg med?", "Det er {PERSON} her."),
        ("Hvor sender vi kvitteringen?", "Send den til {EMAIL}."),
        ("Og postnummeret der?", "Det er {POSTCODE}."),
        ("Hvilken dato er du født?", "Født {DATE_OF_BIRTH}."),
    ],
    "da": [
        ("Må jeg få dit personnummer?", "Ja, det er {NATIONAL_ID}."),
        ("Hvor kan vi ringe til dig?", "Ring på {PHONE}."),
        ("Hvem taler jeg med?", "Det er {PERSON}."),
        ("Hvor sender vi kvitteringen hen?", "Send den til {EMAIL}."),
        ("Og postnummeret?", "Det er {POSTCODE}."),
        ("Hvilken dato er du født?", "Født {DATE_OF_BIRTH}."),
    ],
}

# Share of each set's utterances per language.
LANGUAGE_SHARES: dict[str, float] = {"en": 0.45, "sv": 0.38, "no": 0.085, "da": 0.085}
