"""Sign-in sheet and certificates (PDF, read back with pypdf), exports."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from ouverture.accounts.services import system_user
from ouverture.events import services
from tests.events.factories import make_workshop, register, register_past
from tests.organisations.factories import OrganisationFactory
from tests.utils import text

pytestmark = pytest.mark.django_db


def pdf_text(content):
    reader = PdfReader(io.BytesIO(content))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def test_sign_in_sheet_lists_the_registered_names(client_for, staff):
    workshop = make_workshop(capacity=3)
    malco = OrganisationFactory(name="MALCO HDF")
    register(workshop, full_name="Léa Dupont", organisation=malco)
    register(workshop, full_name="Samir Benali", organisation_name="Les Amis du Togo")
    services.cancel_registration(register(workshop, full_name="Désinscrite Personne"))
    register(workshop, full_name="Marc Legrand")
    register(workshop, full_name="Attente Personne", waiting_list=True)
    response = client_for(staff).get(reverse("events:sign_in_sheet", args=[workshop.pk]))
    assert response["Content-Type"] == "application/pdf"
    reader, content = pdf_text(response.content)
    for expected in ["Léa Dupont", "MALCO HDF", "Samir Benali", "Les Amis du Togo", "Marc Legrand",
                     "Signature", "Feuille d'émargement"]:  # fmt: skip
        assert expected in content, expected
    assert "Désinscrite Personne" not in content
    assert "Attente Personne" not in content
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points


def test_certificates_are_for_people_present_only(client_for, staff):
    workshop = make_workshop(days_ahead=0)
    here = services.check_in(
        workshop, register_past(workshop, full_name="Présente Personne"), actor=system_user()
    )
    register_past(workshop, full_name="Absente Personne")
    client = client_for(staff)
    _, content = pdf_text(client.get(reverse("events:certificates", args=[workshop.pk])).content)
    assert "Attestation de présence" in content
    assert "Présente Personne" in content and "Absente Personne" not in content
    one = client.get(reverse("events:certificate", args=[here.pk]))
    assert "Présente Personne" in pdf_text(one.content)[1]


def test_no_certificate_when_nobody_is_present(client_for, staff):
    workshop = make_workshop(days_ahead=0)
    register_past(workshop)
    response = client_for(staff).get(
        reverse("events:certificates", args=[workshop.pk]), follow=True
    )
    assert "aucune attestation à produire" in text(response)


def test_exports(client_for, staff):
    workshop = make_workshop(days_ahead=0)
    malco = OrganisationFactory(name="MALCO HDF")
    services.check_in(
        workshop,
        register_past(workshop, full_name="Léa Dupont", organisation=malco),
        actor=system_user(),
    )
    client = client_for(staff)
    csv = client.get(reverse("events:export", args=[workshop.pk, "csv"])).content
    assert csv.startswith("\ufeff".encode())
    lines = csv.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Nom;Fonction;E-mail;Structure")
    assert "Léa Dupont" in lines[1] and "Présent·e" in lines[1]
    xlsx = client.get(reverse("events:export", args=[workshop.pk, "xlsx"])).content
    book = load_workbook(io.BytesIO(xlsx))
    assert book.sheetnames == [
        "Inscriptions et présences",
        "Structures représentées",
        "Structures par type de projet",
    ]
    assert book["Structures représentées"]["A2"].value == "MALCO HDF"
    assert client.get(reverse("events:export", args=[workshop.pk, "pdf"])).status_code == 404
