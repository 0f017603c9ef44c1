"""Pages of the documents layer: list, a document's page (checks, texts, generation with its
progress, versions and what changed), HTML preview, the rows behind a figure, templates."""

from csp.decorators import csp_update
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ouverture.core.forms import apply_service_errors
from ouverture.core.permissions import require
from ouverture.documents import registry, services
from ouverture.documents.base import DocumentError, readable_text
from ouverture.documents.forms import GenerateForm, NarrativeForm, TemplateUploadForm
from ouverture.documents.models import Generation, NarrativeSection
from ouverture.documents.permissions import visible_agreements
from ouverture.documents.render import CONTENT_TYPES, template_bytes
from ouverture.reports.docx import MAX_TEMPLATE_BYTES

TEMPLATE_KINDS = list(registry.AGREEMENT_DOCUMENTS)


def _agreement(request, pk, perm="documents.view_document"):
    agreement = get_object_or_404(visible_agreements(request.user), pk=pk)
    require(request.user, perm, agreement)
    return agreement


def _document(request, kind, pk, perm="documents.view_document"):
    agreement = _agreement(request, pk, perm)
    try:
        cls = registry.get(kind)
    except LookupError:
        raise Http404("Document inconnu.") from None
    try:
        return cls(agreement)
    except DocumentError as error:
        messages.error(request, str(error))
        return None


@require_GET
def document_list(request):
    require(request.user, "documents.view_document")
    agreements = list(visible_agreements(request.user).order_by("-year", "reference"))
    # Dicts, not the classes: a template would call a class.
    kinds = [{"kind": k, "label": c.label} for k, c in registry.DOCUMENTS.items()]
    return render(
        request,
        "documents/list.html",
        {
            "agreements": agreements,
            "kinds": kinds,
            "template_kinds": [k for k in kinds if k["kind"] in TEMPLATE_KINDS],
            "can_templates": request.user.has_perm("documents.manage_templates"),
        },
    )


@require_GET
def document_detail(request, kind, pk):
    document = _document(request, kind, pk)
    if document is None:
        return redirect("documents:list")
    agreement = document.agreement
    generations = list(
        Generation.objects.for_document(kind, agreement)
        .select_related("created_by")
        .defer("content")
    )
    texts = {s.key: s for s in NarrativeSection.objects.for_document(kind, agreement)}
    compare = None
    a, b = request.GET.get("a"), request.GET.get("b")
    if a and b:
        by_id = {str(g.pk): g for g in generations}
        if a in by_id and b in by_id:
            older, newer = sorted([by_id[a], by_id[b]], key=lambda g: (g.created_at, g.pk))
            compare = {
                "older": older,
                "newer": newer,
                "changes": services.changed_figures(older, newer),
            }
    current = None
    if request.GET.get("generation"):
        current = next((g for g in generations if str(g.pk) == request.GET["generation"]), None)
    return render(
        request,
        "documents/detail.html",
        {
            "document": document,
            "agreement": agreement,
            "checks": document.checks() if document.template_file else [],
            "figures": document.all_figures.values(),
            "sections": [
                {
                    "key": key,
                    "label": label,
                    "text": readable_text(texts[key].text, document) if key in texts else "",
                }
                for key, label in document.narrative_keys
            ],
            "generations": generations,
            "compare": compare,
            "current": current,
            "form": GenerateForm(formats=document.formats),
            "upload_form": TemplateUploadForm(),
            "can_generate": request.user.has_perm("documents.generate_document", agreement),
            "can_write": request.user.has_perm("documents.write_narrative", agreement),
            "can_templates": request.user.has_perm("documents.manage_templates")
            and bool(document.template_file),
        },
    )


@require_http_methods(["GET", "POST"])
def narrative_edit(request, kind, pk, key):
    document = _document(request, kind, pk, "documents.write_narrative")
    if document is None:
        return redirect("documents:list")
    labels = dict(document.narrative_keys)
    if key not in labels:
        raise Http404("Section inconnue.")
    section = (
        NarrativeSection.objects.for_document(kind, document.agreement).filter(key=key).first()
    )
    form = NarrativeForm(request.POST or None, initial={"text": section.text if section else ""})
    if request.method == "POST" and form.is_valid():
        try:
            services.save_narrative(
                kind, document.agreement, key, form.cleaned_data["text"], actor=request.user
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"Texte « {labels[key]} » enregistré.")
            return redirect("documents:detail", kind=kind, pk=pk)
    from ouverture.core.history import entries

    return render(
        request,
        "documents/narrative_form.html",
        {
            "document": document,
            "form": form,
            "label": labels[key],
            "fields": document.all_figures.values(),
            "history": entries(section) if section else [],
        },
    )


@require_POST
def generate(request, kind, pk):
    document = _document(request, kind, pk, "documents.generate_document")
    if document is None:
        return redirect("documents:list")
    form = GenerateForm(request.POST, formats=document.formats)
    if not form.is_valid():
        messages.error(request, "Choisissez un format proposé.")
        return redirect("documents:detail", kind=kind, pk=pk)
    try:
        generation = services.enqueue_generation(
            kind, document.agreement, form.cleaned_data["fmt"], actor=request.user
        )
    except DocumentError as error:
        messages.error(request, str(error))
        return redirect("documents:detail", kind=kind, pk=pk)
    return redirect(reverse("documents:detail", args=[kind, pk]) + f"?generation={generation.pk}")


def _generation(request, pk):
    generation = get_object_or_404(
        Generation.objects.filter(agreement__in=visible_agreements(request.user)), pk=pk
    )
    require(request.user, "documents.view_document", generation.agreement)
    return generation


@require_GET
def generation_status(request, pk):
    generation = _generation(request, pk)
    return render(request, "documents/_generation.html", {"g": generation})


@require_GET
# A generated HTML document is a standalone file: its own <style> (A4, page numbers) must
# apply when it is opened inline. Scripts stay forbidden.
@csp_update({"style-src": ["'unsafe-inline'"]})
def generation_download(request, pk):
    generation = _generation(request, pk)
    if not generation.content:
        raise Http404("Ce fichier n'est pas prêt.")
    response = HttpResponse(bytes(generation.content), content_type=CONTENT_TYPES[generation.fmt])
    disposition = "inline" if generation.fmt == "html" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{generation.filename}"'
    return response


@require_GET
def preview(request, kind, pk):
    document = _document(request, kind, pk)
    if document is None or not document.template_file:
        raise Http404("Pas d'aperçu pour ce document.")
    if not document.wording_only:
        blocks = document.blocks(links=True)
        if hasattr(document, "annex_blocks"):
            blocks += document.annex_blocks()
    else:
        from ouverture.documents.render import docx_bytes, docx_to_blocks

        blocks = docx_to_blocks(docx_bytes(document, with_checks=False))
    return render(
        request,
        "documents/preview.html",
        {
            "document": document,
            "blocks": blocks,
            "context": document.context(),
            "checks": [c for c in document.checks() if c.level != "ok"],
        },
    )


@require_GET
def figure_rows(request, kind, pk, code):
    document = _document(request, kind, pk)
    if document is None:
        return redirect("documents:list")
    figure = document.all_figures.get(code)
    if figure is None:
        raise Http404("Chiffre inconnu.")
    return render(request, "documents/figure_rows.html", {"document": document, "figure": figure})


def _template_kind(request, kind):
    require(request.user, "documents.manage_templates")
    if kind not in TEMPLATE_KINDS:
        raise Http404("Document sans modèle.")
    return registry.get(kind)


@require_GET
def template_download(request, kind):
    cls = _template_kind(request, kind)
    response = HttpResponse(template_bytes(cls), content_type=CONTENT_TYPES["docx"])
    response["Content-Disposition"] = f'attachment; filename="modele-{kind}.docx"'
    return response


@require_POST
def template_upload(request, kind):
    cls = _template_kind(request, kind)
    back = request.POST.get("next") or reverse("documents:list")
    if not back.startswith("/"):
        back = reverse("documents:list")
    form = TemplateUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Choisissez un fichier .docx.")
        return redirect(back)
    upload = form.cleaned_data["file"]
    if upload.size > MAX_TEMPLATE_BYTES:
        messages.error(
            request,
            f"Modèle refusé : le fichier fait {upload.size / 1024 / 1024:.0f} Mo, au-delà de "
            f"{MAX_TEMPLATE_BYTES // 1024 // 1024} Mo. Le modèle précédent reste en service.",
        )
        return redirect(back)
    try:
        services.upload_template(kind, upload.read(), upload.name, actor=request.user)
    except ValidationError as error:
        messages.error(
            request,
            "Modèle refusé : "
            + " ".join(error.messages)
            + " Le modèle précédent reste en service.",
        )
    else:
        messages.success(request, f"Nouveau modèle de « {cls.label} » en service.")
    return redirect(back)
