"""The documents a call asks: uploaded on the application by its holder or the network on its
behalf, checked (type, content, size) with a French message and nothing written on error,
stored privately and served only to who may see the application (issue 10)."""

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ouverture.accounts.enums import Role
from ouverture.calls import documents, rules, services
from ouverture.calls.models import ApplicationDocument
from tests.calls.factories import make_call
from tests.organisations.factories import OrganisationFactory

ASKED = "- Statuts de l'association\n• Budget prévisionnel détaillé\n\nRIB\nRIB\n"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
    return buffer.getvalue()


@pytest.fixture
def application(db, holder, holder_organisation):
    call = make_call(documents_asked=ASKED)
    return services.create_application(
        actor=holder, call=call, organisation=holder_organisation, title="Échange à Dakar"
    )


def upload(application, actor, name="statuts.pdf", content=PDF, asked="Statuts de l'association"):
    return services.upload_document(
        application, actor=actor, asked=asked, file=SimpleUploadedFile(name, content)
    )


def test_the_call_lists_its_documents_one_a_line(application):
    assert application.call.asked_documents() == [
        "Statuts de l'association", "Budget prévisionnel détaillé", "RIB",
    ]  # fmt: skip


def test_the_check_names_each_missing_document_until_it_is_uploaded(application, holder, staff):
    missing = rules.document_problems(application)
    assert missing == [
        "Pièce manquante : « Statuts de l'association ».",
        "Pièce manquante : « Budget prévisionnel détaillé ».",
        "Pièce manquante : « RIB ».",
    ]
    upload(application, holder)
    # The network uploads on the holder's behalf: the holder sees who did.
    upload(application, staff, "budget.docx", docx_bytes(), asked="Budget prévisionnel détaillé")
    upload(application, holder, "rib.jpg", b"\xff\xd8\xff\xe0 JFIF", asked="RIB")
    assert rules.document_problems(application) == []
    assert all(
        p.startswith("Pièce manquante") is False
        for p in rules.problems(application, today=dt.date(2025, 2, 1))
    )
    budget = application.documents.get(asked="Budget prévisionnel détaillé")
    assert budget.uploaded_by == staff and budget.original_name == "budget.docx"


def test_files_are_private_never_under_media(application, holder):
    document = upload(application, holder)
    path = Path(document.file.path)
    assert path.is_relative_to(Path(settings.OUVERTURE_PRIVATE_ROOT))
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT))
    with pytest.raises(ValueError, match="pas d'adresse publique"):
        _ = document.file.url
    assert path.read_bytes() == PDF


def test_a_new_upload_replaces_the_old_file(
    application, holder, django_capture_on_commit_callbacks
):
    first = upload(application, holder)
    old_path = Path(first.file.path)
    with django_capture_on_commit_callbacks(execute=True):
        second = upload(application, holder, "statuts-2025.pdf", PDF + b"% v2\n")
    assert second.pk == first.pk and ApplicationDocument.objects.count() == 1
    assert not old_path.exists() and Path(second.file.path).read_bytes().endswith(b"% v2\n")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("statuts.exe", b"MZ\x90\x00", "« statuts.exe » : type de fichier non accepté"),
        ("statuts.pdf", b"MZ\x90\x00 not a pdf", "« statuts.pdf » ne contient pas un PDF lisible"),
        ("budget.docx", PDF, "ne contient pas un document Word (DOCX) lisible"),
        ("vide.pdf", b"", "« vide.pdf » est vide"),
        ("gros.pdf", b"%PDF-" + b"0" * (documents.MAX_BYTES + 1), "pèse 10,0 Mo : la limite est de 10 Mo"),
    ],
)  # fmt: skip
def test_a_bad_file_is_refused_in_french_and_nothing_is_written(
    application, holder, name, content, message
):
    before = set(Path(settings.OUVERTURE_PRIVATE_ROOT).rglob("*"))
    with pytest.raises(ValidationError) as error:
        upload(application, holder, name, content)
    assert any(message in m for m in error.value.messages), error.value.messages
    assert not ApplicationDocument.objects.exists()
    assert set(Path(settings.OUVERTURE_PRIVATE_ROOT).rglob("*")) == before


def test_a_document_the_call_does_not_ask_is_refused(application, holder):
    with pytest.raises(ValidationError, match="« Casier judiciaire » n'est pas demandée"):
        upload(application, holder, asked="Casier judiciaire")
    assert not ApplicationDocument.objects.exists()


def test_no_upload_once_submitted(application, holder):
    from ouverture.calls.models import Application

    Application.objects.filter(pk=application.pk).update(status="submitted")
    with pytest.raises(ValidationError, match="ne se modifie plus"):
        upload(application, holder)
    assert not ApplicationDocument.objects.exists()


def test_pages_upload_and_serve_only_in_scope(application, holder, client_for, make_user):
    client = client_for(holder)
    page = reverse("calls:application", args=[application.pk])
    html = client.get(page).content.decode()
    assert "Pièces demandées" in html and "manquante" in html
    response = client.post(
        reverse("calls:application_document_upload", args=[application.pk]),
        {"asked": "RIB", "file": SimpleUploadedFile("rib.pdf", PDF)},
        follow=True,
    )
    assert "Pièce « RIB » déposée." in response.content.decode()
    document = application.documents.get()
    url = reverse("calls:application_document", args=[application.pk, document.pk])
    served = client.get(url)
    assert served.status_code == 200 and b"".join(served.streaming_content) == PDF
    assert 'filename="rib.pdf"' in served["Content-Disposition"]
    # A bad file through the page: the French message, nothing written.
    response = client.post(
        reverse("calls:application_document_upload", args=[application.pk]),
        {"asked": "RIB", "file": SimpleUploadedFile("rib.exe", b"MZ")},
        follow=True,
    )
    assert "type de fichier non accepté" in response.content.decode()
    assert application.documents.get().original_name == "rib.pdf"
    # A holder of another organisation: 404 on the file and on the upload.
    other = make_user(Role.PROJECT_HOLDER, organisation=OrganisationFactory())
    assert client_for(other).get(url).status_code == 404
    response = client_for(other).post(
        reverse("calls:application_document_upload", args=[application.pk]),
        {"asked": "RIB", "file": SimpleUploadedFile("x.pdf", PDF)},
    )
    assert response.status_code == 404 and application.documents.count() == 1
    # Not from MEDIA: no URL of the media root serves it.
    assert client.get(settings.MEDIA_URL + document.file.name).status_code == 404
