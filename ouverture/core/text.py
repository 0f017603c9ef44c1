import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def normalize_name(name: str) -> str:
    """Accent-, case-, hyphen- and apostrophe-insensitive key: "Saint-Étienne-au-Mont" -> "saint etienne au mont"."""
    if name is not None and name.isascii():  # the same result, without the decomposition
        return _NON_ALNUM.sub(" ", name.lower()).strip()
    decomposed = unicodedata.normalize("NFKD", name or "")
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    ascii_only = ascii_only.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae")
    return _NON_ALNUM.sub(" ", ascii_only.lower()).strip()


# Accent- and case-insensitive order, at C speed (the coaching recap sorts tens of thousands of
# names; organisations store the key as sort_name so the database can order by it).
_FOLD = {
    code: unicodedata.normalize("NFKD", chr(code))[0]
    for code in range(0xC0, 0x250)
    if unicodedata.normalize("NFKD", chr(code))[0].isascii()
}
_FOLD.update({ord("œ"): "oe", ord("Œ"): "oe", ord("æ"): "ae", ord("Æ"): "ae"})


def sort_key(name: str) -> str:
    """ "Éperlecques" -> "eperlecques": the display order of names (punctuation kept)."""
    return (name or "").translate(_FOLD).casefold()
