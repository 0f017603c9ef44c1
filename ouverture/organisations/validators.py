from django.core.exceptions import ValidationError


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, char in enumerate(reversed(digits)):
        d = int(char)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def normalize_siret(value: str) -> str:
    return "".join((value or "").split()).replace(".", "")


def validate_siret(value):
    digits = normalize_siret(value)
    if not digits:
        return
    if not digits.isdigit() or len(digits) != 14:
        raise ValidationError(
            "Le SIRET doit compter 14 chiffres (vous en avez saisi %(n)s).",
            code="siret_length",
            params={"n": sum(c.isdigit() for c in digits)},
        )
    # La Poste's establishments (SIREN 356000000) follow another rule.
    if digits.startswith("356000000"):
        if sum(int(c) for c in digits) % 5:
            raise ValidationError("Ce SIRET de La Poste n'est pas valide.", code="siret_checksum")
        return
    if not luhn_ok(digits):
        raise ValidationError(
            "Ce SIRET n'est pas valide (la clé de contrôle ne correspond pas) : vérifiez chaque chiffre.",
            code="siret_checksum",
        )
