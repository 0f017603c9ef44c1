"""The documents a call asks, uploaded on an application by its holder or by the network on
its behalf.

Stored privately (`OUVERTURE_PRIVATE_ROOT`, outside MEDIA_ROOT, no URL: `PrivateStorage.url`
refuses), served only by `calls:application_document` to who may see the application (another
organisation's holder gets a 404). Accepted: PDF, DOCX, XLSX, ODT and images (PNG, JPEG), at
most 10 Mo, and the file's first bytes must match its extension (a renamed program is refused).
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage

MAX_BYTES = 10 * 1024 * 1024
ZIP = b"PK\x03\x04"
# extension: (what a person calls it, the signatures its content may start with)
ACCEPTED = {
    "pdf": ("PDF", (b"%PDF-",)),
    "docx": ("document Word (DOCX)", (ZIP,)),
    "xlsx": ("classeur Excel (XLSX)", (ZIP,)),
    "odt": ("document OpenDocument (ODT)", (ZIP,)),
    "png": ("image PNG", (b"\x89PNG\r\n\x1a\n",)),
    "jpg": ("image JPEG", (b"\xff\xd8\xff",)),
    "jpeg": ("image JPEG", (b"\xff\xd8\xff",)),
}


class PrivateStorage(FileSystemStorage):
    """Files without a public address: read them through the view that checks who asks."""

    def __init__(self):
        super().__init__(location=settings.OUVERTURE_PRIVATE_ROOT, base_url=None)

    def url(self, name):
        raise ValueError("Fichier privé : il n'a pas d'adresse publique.")


def private_storage():
    return PrivateStorage()


def upload_path(instance, filename):
    ext = os.path.splitext(filename)[1].lower()
    return f"candidatures/{instance.application_id}/{os.urandom(8).hex()}{ext}"


def _size_text(n):
    return f"{n / (1024 * 1024):.1f}".replace(".", ",") + " Mo"


def check_file(uploaded):
    """The uploaded file's extension, or a ValidationError in French saying what is wrong."""
    from django.core.exceptions import ValidationError

    if uploaded is None:
        raise ValidationError({"file": "Choisissez le fichier à déposer."})
    name = os.path.basename(uploaded.name or "")
    ext = os.path.splitext(name)[1].lower().lstrip(".")
    if ext not in ACCEPTED:
        raise ValidationError(
            {
                "file": f"« {name} » : type de fichier non accepté. Déposez un PDF, un document "
                "Word (DOCX), un classeur Excel (XLSX), un document OpenDocument (ODT) ou une "
                "image (PNG, JPEG)."
            }
        )
    if uploaded.size > MAX_BYTES:
        raise ValidationError(
            {
                "file": f"« {name} » pèse {_size_text(uploaded.size)} : la limite est de 10 Mo. "
                "Déposez une version plus légère (PDF compressé, image réduite)."
            }
        )
    if uploaded.size == 0:
        raise ValidationError({"file": f"« {name} » est vide."})
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    label, signatures = ACCEPTED[ext]
    if not any(head.startswith(sig) for sig in signatures):
        raise ValidationError(
            {"file": f"« {name} » ne contient pas un {label} lisible : vérifiez le fichier."}
        )
    return ext
