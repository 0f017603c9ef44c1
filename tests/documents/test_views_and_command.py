"""Who reaches the documents' pages, the command's contract, templates and bad input."""

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from ouverture.accounts.enums import Role
from ouverture.agreements.models import Agreement
from ouverture.documents.base import SHIPPED
from ouverture.documents.models import DocumentTemplate, Generation
from ouverture.reports import charts
from ouverture.reports.docx import build_template
from tests.organisations.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _generate(*args):
    out = io.StringIO()
    call_command("documents", "generate", *args, stdout=out)
    return out.getvalue()


def test_command_lists_and_refuses_bad_input_writing_nothing(agreement_2023, make_user, tmp_path):
    out = io.StringIO()
    call_command("documents", "list", stdout=out)
    assert "activity-report\tBilan d'activités" in out.getvalue()
    target = tmp_path / "out.docx"
    cases = [
        (("activity-report", "--agreement", "NOPE-1", "--format", "docx"), "Aucune convention de référence « NOPE-1 »"),
        (("minutes", "--agreement", "CD62-LIANES-2023", "--format", "docx"), "Document inconnu : « minutes »"),
        (("proposal", "--agreement", "CD62-LIANES-2023", "--format", "odt"), "Format inconnu : « odt »"),
    ]  # fmt: skip
    empty = Agreement.objects.get(reference="CD62-LIANES-2023")
    empty.pk, empty.reference = None, "VIDE-2023"
    empty.save()
    cases.append(
        (
            ("activity-report", "--agreement", "VIDE-2023", "--format", "docx"),
            "n'a aucun engagement",
        )
    )
    other_funder = OrganisationFactory(name="Autre financeur")
    make_user(Role.PROJECT_HOLDER, organisation=other_funder, username="porteur")
    cases.append(
        (("activity-report", "--agreement", "CD62-LIANES-2023", "--format", "docx", "--as", "porteur"),
         "Votre compte ne permet pas")
    )  # fmt: skip
    for args, message in cases:
        with pytest.raises(CommandError, match=message):
            _generate(*args, "--output", str(target))
        assert not target.exists()
    assert not Generation.objects.filter(status="done").exists()


def test_pages_by_role(
    agreement_2023, client_for, users_by_role, make_user, django_capture_on_commit_callbacks
):
    pk = agreement_2023.pk
    urls = {
        "list": reverse("documents:list"),
        "detail": reverse("documents:detail", args=["activity-report", pk]),
        "preview": reverse("documents:preview", args=["activity-report", pk]),
        "rows": reverse("documents:figure_rows", args=["activity-report", pk, "coaching.sessions"]),
        "narrative": reverse("documents:narrative", args=["activity-report", pk, "introduction"]),
        "template": reverse("documents:template_download", args=["activity-report"]),
    }
    staff = client_for(users_by_role[Role.NETWORK_STAFF])
    for name in ("list", "detail", "preview", "rows", "narrative"):
        assert staff.get(urls[name]).status_code == 200, name
    assert staff.get(urls["template"]).status_code == 403
    for kind in ("proposal", "agreement", "coaching-recap", "agreement-workbook"):
        assert staff.get(reverse("documents:detail", args=[kind, pk])).status_code == 200, kind
    convention = staff.get(reverse("documents:preview", args=["agreement", pk])).content.decode()
    assert "Article 4 – Montant de la subvention" in convention
    assert staff.get(reverse("documents:detail", args=["minutes", pk])).status_code == 404
    preview = staff.get(urls["preview"]).content.decode()
    assert f'href="{urls["rows"]}"' in preview
    rows = staff.get(urls["rows"]).content.decode()
    assert "43 lignes derrière ce chiffre" in rows
    coordinator = client_for(users_by_role[Role.COORDINATOR])
    assert coordinator.get(urls["template"]).status_code == 200
    holder = client_for(users_by_role[Role.PROJECT_HOLDER])
    assert holder.get(urls["list"]).status_code == 403
    assert holder.get(urls["detail"]).status_code == 404
    # A funder officer reads the documents of the agreements its funder funds (the agreements'
    # scope): the default funder's without a structure, its structure's with one; it writes no
    # narrative text. An officer of another funder reaches neither the agreement nor them.
    other = client_for(make_user(Role.FUNDER_OFFICER, organisation=OrganisationFactory()))
    assert other.get(reverse("agreements:detail", args=[pk])).status_code == 404
    assert other.get(urls["detail"]).status_code == 404
    for officer in (
        users_by_role[Role.FUNDER_OFFICER],
        make_user(Role.FUNDER_OFFICER, organisation=agreement_2023.funder),
    ):
        mine = client_for(officer)
        assert mine.get(urls["detail"]).status_code == 200
        assert mine.get(urls["narrative"]).status_code == 403
    # Generation from the page (immediate task backend in tests): the version and its file.
    staff = client_for(users_by_role[Role.NETWORK_STAFF])  # one test client: log in again
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            reverse("documents:generate", args=["activity-report", pk]), {"fmt": "docx"}
        )
    generation = Generation.objects.get()
    assert response["Location"].endswith(f"?generation={generation.pk}")
    assert generation.status == "done" and generation.figures["coaching.sessions"]["value"] == "43"
    page = staff.get(response["Location"]).content.decode()
    assert "Versions" in page and reverse("documents:download", args=[generation.pk]) in page
    download = staff.get(reverse("documents:download", args=[generation.pk]))
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    holder = client_for(users_by_role[Role.PROJECT_HOLDER])
    assert holder.get(reverse("documents:download", args=[generation.pk])).status_code == 404


def _docx_with(text):
    data = build_template(with_toc=False, wording=[(text, None)])
    return SimpleUploadedFile("modele.docx", data)


def test_templates_refused_with_the_reason_and_the_previous_one_kept(
    agreement_2023, client_for, coordinator
):
    client = client_for(coordinator)
    url = reverse("documents:template_upload", args=["activity-report"])
    follow = {"follow": True}
    cases = [
        (
            _docx_with("Bonjour {{ inconnu_champ }}"),
            "Champ inconnu dans le modèle : « inconnu_champ »",
        ),
        (_docx_with("Bonjour {{ title "), "La syntaxe du modèle est incorrecte"),
        (SimpleUploadedFile("modele.docx", b"pas un docx"), "pas un document Word"),
        (SimpleUploadedFile("modele.pdf", b"%PDF-1.4"), "fichier Word .docx"),
        (SimpleUploadedFile("gros.docx", b"0" * (12 * 1024 * 1024)), "au-delà de 10 Mo"),
    ]
    for upload, message in cases:
        response = client.post(url, {"file": upload}, **follow)
        assert message in response.content.decode(), message
        assert "Le modèle précédent reste en service" in response.content.decode()
    # 50 MB never reaches the view: the request is refused unread, in French (core.security).
    response = client.post(url, {"file": SimpleUploadedFile("gros.docx", b"0" * (50 << 20))})
    assert response.status_code == 413 and "trop volumineu" in response.content.decode()
    assert not DocumentTemplate.objects.exists()
    # A good one (the shipped template with its wording edited) is kept and used.
    shipped = (SHIPPED / "activity-report.docx").read_bytes()
    edited = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(shipped)) as source, zipfile.ZipFile(edited, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "word/document.xml":
                content = content.replace(b"Sommaire", b"Table des mati\xc3\xa8res")
            target.writestr(item, content)
    response = client.post(
        url, {"file": SimpleUploadedFile("bilan.docx", edited.getvalue())}, **follow
    )
    assert "Nouveau modèle" in response.content.decode()
    from ouverture.documents.services import generate_now

    generation = generate_now("activity-report", agreement_2023, "docx", actor=coordinator)
    from docx import Document as WordDocument

    paragraphs = [p.text for p in WordDocument(io.BytesIO(bytes(generation.content))).paragraphs]
    assert "Table des matières" in paragraphs and "Sommaire" not in paragraphs


def test_a_chart_without_answers_is_said_in_words_and_counts_start_at_zero():
    assert not charts.has_data([0, 0, 0]) and charts.has_data([0, 2])
    png = charts.bar_chart(["a" * 120, "b"], [0, 0], title="t")
    assert png.startswith(b"\x89PNG")
    assert charts.wrap_label("x " * 40).count("\n") >= 1


@pytest.mark.parametrize("role", list(Role))
def test_documents_follow_the_agreements_scope_and_rule(
    role, agreement_2023, agreement_2024, client_for, users_by_role, make_user
):
    """One scope: a user reaches an agreement's documents exactly when it reaches the
    agreement (page, list, generation); refused both ways alike."""
    from ouverture.agreements.models import Agreement
    from ouverture.documents.permissions import visible_agreements
    from ouverture.documents.services import document_for

    user = users_by_role.get(role) or make_user(role)
    assert set(visible_agreements(user)) == set(Agreement.objects.visible_to(user))
    client = client_for(user)
    for agreement in (agreement_2023, agreement_2024):
        reads = client.get(reverse("agreements:detail", args=[agreement.pk])).status_code
        document = client.get(
            reverse("documents:detail", args=["proposal", agreement.pk])
        ).status_code
        assert (reads == 200) == (document == 200), (role, reads, document)
        assert user.has_perm("agreements.view_agreement", agreement) == user.has_perm(
            "documents.generate_document", agreement
        )
        if reads == 200:
            assert document_for("proposal", agreement, user=user).agreement == agreement
        else:
            with pytest.raises(PermissionDenied, match="Votre compte ne permet pas"):
                document_for("proposal", agreement, user=user)
    expected_open = role != Role.PROJECT_HOLDER
    assert (client.get(reverse("documents:list")).status_code == 200) == expected_open


def test_funder_officer_of_another_funder_is_refused_and_its_own_generates(
    agreement_2023, make_user, tmp_path
):
    """Generating as a funder officer for another funder's agreement is refused (issue 8);
    an officer of the agreement's funder generates it."""
    other_funder = OrganisationFactory(name="Autre financeur")
    make_user(Role.FUNDER_OFFICER, organisation=other_funder, username="autre")
    make_user(Role.FUNDER_OFFICER, organisation=agreement_2023.funder, username="agent62")
    target = tmp_path / "out.docx"
    args = ("activity-report", "--agreement", "CD62-LIANES-2023", "--format", "docx")
    with pytest.raises(CommandError, match="Votre compte ne permet pas"):
        _generate(*args, "--as", "autre", "--output", str(target))
    assert not target.exists()
    assert not Generation.objects.exists()
    _generate(*args, "--as", "agent62", "--output", str(target))
    assert target.exists() and zipfile.is_zipfile(target)
