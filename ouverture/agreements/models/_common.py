from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models

from ouverture.core.formats import round_cents

EVIDENCE_EXTENSIONS = ["pdf", "jpg", "jpeg", "png", "odt", "ods", "docx", "xlsx", "csv", "txt"]
MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def validate_upload_size(file):
    if file and getattr(file, "size", 0) > MAX_UPLOAD_BYTES:
        raise ValidationError("Le fichier dépasse 10 Mo : joignez une version plus légère.")


def money(verbose_name, **kwargs):
    """Euros: Decimal with two places (max 9 999 999 999,99)."""
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=2, **kwargs)


def document(verbose_name, upload_to):
    return models.FileField(
        verbose_name,
        upload_to=upload_to,
        blank=True,
        validators=[FileExtensionValidator(EVIDENCE_EXTENSIONS), validate_upload_size],
    )


def require_positive(errors, field, value, label="Le montant"):
    if value is not None and value <= 0:
        errors[field] = f"{label} doit être supérieur à zéro."


def cents(value):
    """An aggregated sum back to two places (SQLite returns extra digits), 0 when None."""
    return round_cents(value or 0)
