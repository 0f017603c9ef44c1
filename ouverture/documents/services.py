"""Writes of the documents layer: narrative sections, templates, generations. Each runs in one
transaction and records the acting user; views, the command and the task call them."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from ouverture.core import history
from ouverture.documents import registry
from ouverture.documents.base import DocumentError, check_fields
from ouverture.documents.models import (
    DocumentTemplate,
    Generation,
    GenerationStatus,
    NarrativeSection,
)
from ouverture.documents.permissions import visible_agreements
from ouverture.reports.docx import TemplateProblem, check_template


def document_for(kind, agreement, *, user=None):
    """The document object, after the rules: unknown kind, another funder's agreement or a
    role that may not generate are refused in French."""
    cls = registry.get(kind)
    if user is not None and not (
        user.has_perm("documents.generate_document", agreement)
        and visible_agreements(user).filter(pk=agreement.pk).exists()
    ):
        raise PermissionDenied(
            f"Votre compte ne permet pas de produire les documents de la convention "
            f"{agreement.reference}."
        )
    return cls(agreement)


@transaction.atomic
def save_narrative(kind, agreement, key, text, *, actor):
    document = document_for(kind, agreement, user=actor)
    keys = dict(document.narrative_keys)
    if key not in keys:
        raise ValidationError({"key": f"Section inconnue : « {key} »."})
    check_fields(text or "", document)
    section, _ = NarrativeSection.objects.select_for_update().get_or_create(
        kind=kind, agreement=agreement, key=key
    )
    if section.text == text:
        return section
    section.text = text or ""
    return history.save(
        section, actor, reason=f"Texte « {keys[key]} »", update_fields=["text", "updated_at"]
    )


def template_fields(kind):
    cls = registry.get(kind)
    return set(cls.fields)


@transaction.atomic
def upload_template(kind, data: bytes, filename, *, actor):
    """Keep an uploaded DOCX template if it is usable; else ValidationError naming why (the
    template in use does not change)."""
    cls = registry.get(kind)
    if not cls.template_file:
        raise ValidationError({"file": f"« {cls.label} » n'a pas de modèle Word."})
    if not (filename or "").lower().endswith(".docx"):
        raise ValidationError({"file": "Le modèle doit être un fichier Word .docx."})
    try:
        check_template(data, cls.fields)
    except TemplateProblem as problem:
        raise ValidationError({"file": str(problem)}) from None
    template = DocumentTemplate(kind=kind, content=data, filename=filename, uploaded_by=actor)
    return history.save(template, actor, reason="Modèle déposé")


def figure_values(figures):
    return {
        code: {
            "label": f.label,
            "unit": f.unit,
            "value": str(
                Decimal(f.value).normalize()
                if f.value == int(f.value)
                else round(Decimal(f.value), 2)
            ),
            "text": f.text,
            "number": f.number_text,
            "rows": len(f.rows),
        }
        for code, f in figures.items()
    }


@transaction.atomic
def start_generation(kind, agreement, fmt, *, actor, params=None):
    """A pending Generation (refusals raised before anything is written)."""
    document = document_for(kind, agreement, user=actor)
    if fmt not in document.formats:
        raise DocumentError(f"Format « {fmt} » indisponible : {', '.join(document.formats)}.")
    return Generation.objects.create(
        kind=kind, agreement=agreement, fmt=fmt, params=params or {}, created_by=actor
    )


def run_generation(generation_id):
    """Render a pending generation, recording progress; returns the Generation."""
    from ouverture.documents.render import generate

    generation = Generation.objects.select_related("agreement").get(pk=generation_id)

    def progress(percent, step):
        Generation.objects.filter(pk=generation.pk).update(
            progress=percent, step=step, status=GenerationStatus.RUNNING
        )

    try:
        document = registry.get(generation.kind)(generation.agreement)
        content, figures = generate(document, generation.fmt, progress=progress)
    except DocumentError as error:
        generation.status, generation.error, generation.progress = (
            GenerationStatus.FAILED,
            str(error),
            100,
        )
        generation.save(update_fields=["status", "error", "progress"])
        return generation
    generation.content = content
    generation.filename = document.filename(generation.fmt)
    generation.figures = figure_values(figures)
    generation.status, generation.progress, generation.step = GenerationStatus.DONE, 100, "Terminé"
    generation.save(update_fields=["content", "filename", "figures", "status", "progress", "step"])
    return generation


def generate_now(kind, agreement, fmt, *, actor, params=None):
    """Inline (the command): the Generation, or DocumentError when it failed."""
    generation = run_generation(
        start_generation(kind, agreement, fmt, actor=actor, params=params).pk
    )
    if generation.status == GenerationStatus.FAILED:
        raise DocumentError(generation.error)
    return generation


def enqueue_generation(kind, agreement, fmt, *, actor, params=None):
    """In the background (django-tasks, database backend): the page follows its progress."""
    from ouverture.documents.tasks import generate_document

    generation = start_generation(kind, agreement, fmt, actor=actor, params=params)
    transaction.on_commit(lambda: generate_document.enqueue(generation.pk))
    return generation


def changed_figures(older, newer):
    """["sessions : 43 → 44", …] between two generations of a document."""
    out = []
    for code in dict.fromkeys([*older.figures, *newer.figures]):
        before, after = older.figures.get(code), newer.figures.get(code)
        if before is None or after is None:
            label = (before or after)["label"]
            old = "—" if before is None else before.get("number", before["text"])
            new = "—" if after is None else after.get("number", after["text"])
            out.append(f"{label} : {old} → {new}")
        elif before["value"] != after["value"]:
            out.append(f"{after['label']} : {before['number']} → {after['number']}")
    return out
