"""The act that grants an agreement is the deliberation record that links it: its number,
date and body are written once, there, and the agreement page, its JSON and the convention
read them from it (issue 10: the free-text field is gone)."""

import datetime as dt
import importlib
import json

from django.apps import apps
from django.urls import reverse

from ouverture.accounts.services import system_user
from ouverture.agreements.forms import AgreementForm
from ouverture.agreements.hooks import acts_of, reference_text
from ouverture.agreements.models import Agreement
from ouverture.agreements.overview import AgreementOverview
from ouverture.agreements.serializers import detail
from ouverture.assemblies import deliberations
from ouverture.assemblies.models import Deliberation
from ouverture.documents.convention import Convention, deliberation_citations
from tests.agreements.factories import make_agreement
from tests.assemblies.factories import make_body

migration = importlib.import_module(
    "ouverture.agreements.migrations.0003_deliberation_from_the_act"
)


def _act(number="2024-12", date=dt.date(2024, 3, 25), name="Commission Permanente"):
    return deliberations.create_deliberation(
        actor=system_user(), body=make_body(name=name), number=number, date=date,
        title="L'ouverture au monde",
    )  # fmt: skip


def test_the_page_json_and_convention_read_the_act_from_its_record(source_data, client_for,
                                                                   finance_manager):  # fmt: skip
    agreement = Agreement.objects.with_parties().get(reference="CD62-LIANES-2024")
    text = "Commission Permanente du 14 octobre 2024, délibération n°2024-401"
    page = client_for(finance_manager).get(reverse("agreements:detail", args=[agreement.pk]))
    html = page.content.decode()
    assert text in html
    assert f'href="{reverse("assemblies:deliberation", args=["2024-401"])}"' in html
    assert detail(AgreementOverview(agreement))["deliberation"] == text
    assert detail(AgreementOverview(agreement))["deliberations"] == [
        {"number": "2024-401", "date": dt.date(2024, 10, 14)}
    ]
    # The convention's "Vu": the acts 2024-401 cites, dated from their records, then the act.
    vu = Convention(agreement).context()["vu"]
    acts = [line for line in vu if line.startswith("Vu la délibération")]
    assert any("n°2022-11 du Conseil départemental du 24 janvier 2022 «" in line for line in acts)
    assert any("n°2023-125 de la Commission Permanente du 25 mars 2023 «" in line for line in acts)
    assert acts[-1].startswith(
        "Vu la délibération n°2024-401 de la Commission Permanente du 14 octobre 2024 « "
    )
    assert not any("25 mars 2024" in line or "23 janvier 2022" in line for line in vu)

    # Written once: correct the record and every text follows.
    Deliberation.objects.filter(number="2024-401").update(date=dt.date(2024, 10, 15))
    assert reference_text(agreement).startswith("Commission Permanente du 15 octobre 2024")
    assert "15 octobre 2024" in Convention(agreement).context()["vu"][-1]


def test_an_agreement_no_act_links_cites_none(db, client_for, finance_manager):
    agreement = make_agreement()
    assert acts_of(agreement) == [] and reference_text(agreement) == ""
    page = client_for(finance_manager).get(reverse("agreements:detail", args=[agreement.pk]))
    assert "aucune délibération enregistrée ne la vise" in page.content.decode()
    assert deliberation_citations(agreement) == []


def test_the_funder_officer_follows_the_link_to_the_act(db, client_for, funder_officer):
    # The funder's officer reads agreements and deliberations: the act is a link.
    agreement = make_agreement()
    act = _act()
    act.agreements.add(agreement)
    html = client_for(funder_officer).get(reverse("agreements:detail", args=[agreement.pk])).content
    assert reverse("assemblies:deliberation", args=[act.number]).encode() in html


def test_the_form_has_no_free_text_deliberation(db):
    assert "deliberation_reference" not in AgreementForm().fields
    assert not any(f.name == "deliberation_reference" for f in Agreement._meta.get_fields())


def test_the_migration_keeps_what_each_text_said(db):
    named, unknown, linked, empty = (make_agreement(lines=False) for _ in range(4))
    act = _act()
    other = _act(number="2024-13")
    other.agreements.add(linked)
    done = migration.keep_texts(
        apps.get_model("agreements", "Agreement"),
        apps.get_model("assemblies", "Deliberation"),
        {
            named.pk: "Commission Permanente du 25 mars 2024, délibération n°2024-12",
            unknown.pk: "Délibération n°2019-7 du 4 février 2019",
            linked.pk: "délibération n°2024-12",
            empty.pk: "  ",
        },
    )
    assert done == {"linked": 1, "kept_in_notes": 1}
    assert [a.number for a in acts_of(named)] == ["2024-12"]
    unknown.refresh_from_db()
    assert unknown.notes.endswith(
        "Délibération (texte saisi avant les actes enregistrés) : "
        "Délibération n°2019-7 du 4 février 2019"
    )
    assert acts_of(unknown) == []
    # Already linked: the record says it; the text does not add a second act.
    assert [a.number for a in acts_of(linked)] == ["2024-13"]
    assert act.agreements.count() == 1


def test_the_agreement_command_prints_the_act(source_data, capsys):
    from django.core.management import call_command

    call_command("agreement", "show", "CD62-LIANES-2024", "--format", "json")
    data = json.loads(capsys.readouterr().out)
    assert data["deliberation"].endswith("délibération n°2024-401")
    assert data["deliberations"] == [{"number": "2024-401", "date": "2024-10-14"}]


def test_the_page_names_each_cofunder_with_its_share(source_data, client_for, finance_manager):
    agreement = Agreement.objects.get(reference="CD62-LIANES-2024")
    html = client_for(finance_manager).get(reverse("agreements:detail", args=[agreement.pk]))
    text = html.content.decode().replace("\u202f", " ").replace("\xa0", " ")
    assert 'id="agreement-cofunding">RECITAL 2 000,00 € (17 %)' in text
