"""Password rules beyond Django's own: the product's and the territory's words are guessed first."""

import unicodedata

from django.core.exceptions import ValidationError

# The names an attacker tries first against this platform.
PRODUCT_WORDS = (
    "ouverture",
    "lianes",
    "lianescooperation",
    "cooperation",
    "pasdecalais",
    "departement",
    "jumelage",
    "jumelages",
    "motdepasse",
    "azerty",
)


def _fold(text):
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "".join(ch for ch in text if ch.isalnum())


class ProductWordsValidator:
    """Refuses a password built on a product word: once those words and the digits and
    punctuation around them are removed, fewer than `min_rest` characters remain."""

    def __init__(self, min_rest=8):
        self.min_rest = min_rest

    def validate(self, password, user=None):
        folded = _fold(password)
        if not any(word in folded for word in PRODUCT_WORDS):
            return
        rest = folded
        for word in sorted(PRODUCT_WORDS, key=len, reverse=True):
            rest = rest.replace(word, "")
        rest = "".join(ch for ch in rest if not ch.isdigit())
        if len(rest) < self.min_rest:
            raise ValidationError(
                "Ce mot de passe repose sur un mot trop facile à deviner ici "
                "(« ouverture », « lianes », « pasdecalais »…). Choisissez une phrase "
                "sans rapport avec la plateforme.",
                code="password_product_word",
            )

    def get_help_text(self):
        return (
            "Votre mot de passe ne doit pas reposer sur le nom de la plateforme, du réseau "
            "ou du territoire."
        )
