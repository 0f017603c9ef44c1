"""French wording helpers: a unit agreeing with its number (documents, checks, pages)."""

import re
from decimal import Decimal

# Words after which a unit's noun phrase stops agreeing ("journée de formation").
_STOP = {"de", "d'", "du", "des", "avec", "à", "au", "aux", "en", "pour", "sur", "par", "sans", "«"}
_INVARIABLE = {"h", "€", "%", "km"}


def _plural_word(word):
    if word in _INVARIABLE or word[-1:] in {"s", "x", "z"} or not word[-1:].isalpha():
        return word
    if word.endswith(("au", "eu", "eau")):
        return word + "x"
    if word.endswith("al") and word not in {"bal", "festival", "carnaval"}:
        return word[:-2] + "aux"
    return word + "s"


def plural(unit, count):
    """'structure accompagnée', 17 -> 'structures accompagnées'; unchanged below 2 (French
    singular for 0 and 1) or when already plural."""
    if not unit or count is None or abs(Decimal(count)) < 2:
        return unit
    words = unit.split(" ")
    out = []
    agreeing = True
    for word in words:
        if word.lower() in _STOP or re.match(r"^d['’]", word.lower()):
            agreeing = False
        out.append(_plural_word(word) if agreeing else word)
    return " ".join(out)
