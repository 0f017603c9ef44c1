"""French articles before a name: "animé par le Département du Pas-de-Calais", "à l'Hôtel
du Département", "au CFA d'Hesdigneul", "à Arras", "par Lianes Coopération".

A name starting with a common noun takes that noun's article; any other name is a proper
name and takes none (a town, "Lianes Coopération")."""

# First word (lower case, no accent folding) -> "m" masculine, "f" feminine.
GENDER = {
    "département": "m", "conseil": "m", "comité": "m", "centre": "m", "campus": "m",
    "lycée": "m", "collège": "m", "cfa": "m", "hôtel": "m", "espace": "m", "institut": "m",
    "pôle": "m", "foyer": "m", "théâtre": "m", "musée": "m", "parc": "m", "palais": "m",
    "mairie": "f", "ville": "f", "maison": "f", "association": "f", "salle": "f",
    "médiathèque": "f", "bibliothèque": "f", "mission": "f", "région": "f", "préfecture": "f",
    "communauté": "f", "école": "f", "université": "f", "fédération": "f", "halle": "f",
}  # fmt: skip
VOWELS = set("aeiouyàâäéèêëîïôöùûüh")


def _first_word(name):
    return name.strip().split(" ", 1)[0].split("'", 1)[0].lower() if name else ""


def article(name) -> str:
    """'le ', 'la ', "l'" or '' for a proper name."""
    word = _first_word(name)
    gender = GENDER.get(word)
    if gender is None:
        return ""
    if word[0] in VOWELS:
        return "l'"
    return "le " if gender == "m" else "la "


def with_article(name) -> str:
    """'le Département du Pas-de-Calais', "l'Hôtel du Département", 'Lianes Coopération'."""
    name = (name or "").strip()
    art = article(name)
    if not art:
        return name
    first, _, rest = name.partition(" ")
    return art + first[:1].upper() + first[1:] + (" " + rest if rest else "")


def at_place(place) -> str:
    """'à l'Hôtel du Département', 'au CFA d'Hesdigneul', 'à la Mairie', 'à Arras'."""
    text = with_article(place)
    if text.startswith("le "):
        return "au " + text[3:]
    return "à " + text


def by(name) -> str:
    """'par le Département du Pas-de-Calais', 'par Lianes Coopération'."""
    return "par " + with_article(name)
