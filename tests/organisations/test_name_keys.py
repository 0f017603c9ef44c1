"""An organisation's stored name keys (sort_name, which orders the coaching recap page in
SQL, and search_name) are always those of its names, whatever path wrote it: the service
and its screens, importers, seed loaders, factories, Django's bulk paths. The data check
organisations.E001 finds a row written around them."""

import io
import re
from pathlib import Path

import pytest
from django.contrib import admin
from django.core import checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.urls import reverse
from simple_history.utils import bulk_create_with_history

from ouverture.coaching.importing import apply_plan, read_coaching_table
from ouverture.core.text import sort_key
from ouverture.geo.text import normalize_name
from ouverture.organisations.models import Organisation
from ouverture.organisations.services import (
    create_organisation,
    refresh_name_keys,
    update_organisation,
)
from tests.organisations.factories import OrganisationFactory

PRODUCT = Path(__file__).resolve().parents[2] / "ouverture"


def expected_keys(name, usual_name=""):
    return normalize_name(f"{name} {usual_name}"), sort_key(usual_name or name)


def stored(organisation_or_pk):
    pk = getattr(organisation_or_pk, "pk", organisation_or_pk)
    return tuple(Organisation.objects.filter(pk=pk).values_list("search_name", "sort_name").get())


def assert_every_row_in_sync():
    rows = list(Organisation.objects.values_list("name", "usual_name", "search_name", "sort_name"))
    assert rows
    stale = [r for r in rows if (r[2], r[3]) != expected_keys(r[0], r[1]) or not r[3]]
    assert not stale, stale


def test_the_service_and_the_factory_fill_the_keys(actor):
    made = create_organisation(actor=actor, name="Éléphant Œil", legal_kind="association")
    assert stored(made) == ("elephant oeil", "elephant oeil")
    factory = OrganisationFactory(name="Zèbre", usual_name="Amis du zèbre")
    assert stored(factory) == ("zebre amis du zebre", "amis du zebre")


def test_renaming_through_the_service_recomputes_them(actor):
    organisation = OrganisationFactory(name="Ancien nom")
    update_organisation(organisation, actor=actor, usual_name="Œuvre nouvelle")
    assert stored(organisation) == expected_keys("Ancien nom", "Œuvre nouvelle")
    update_organisation(organisation, actor=actor, name="Autre", usual_name="")
    assert stored(organisation) == ("autre", "autre")


def test_save_with_update_fields_writes_the_keys_too(db):
    organisation = OrganisationFactory(name="Avant")
    organisation.name = "Été"
    organisation.save(update_fields=["name"])
    assert stored(organisation) == ("ete", "ete")


def test_the_screens_fill_them(client_for, staff):
    client = client_for(staff)
    response = client.post(
        reverse("organisations:create"),
        {"name": "Les Amis d'Écault", "usual_name": "", "legal_kind": "association"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    organisation = Organisation.objects.get(name="Les Amis d'Écault")
    assert stored(organisation) == expected_keys("Les Amis d'Écault")
    response = client.post(
        reverse("organisations:update", args=[organisation.pk]),
        {"name": "Les Amis d'Écault", "usual_name": "Écault", "legal_kind": "association"},
    )
    assert response.status_code == 302
    assert stored(organisation) == ("les amis d ecault ecault", "ecault")


def test_the_coaching_import_fills_them_for_the_organisations_it_creates(actor):
    content = (
        "Nom de l'organisation;Type de projet;Type d'accompagnement;"
        "Nombre de session d'accompagnement;Nombre d'heures au total\n"
        "Œuvre d'Étaples;Jumelage;Tél;1;1h\n"
    ).encode()
    plan = read_coaching_table(content, "t.csv", year=2023, create_organisations=True)
    assert plan.ok, plan.issues if hasattr(plan, "issues") else plan
    apply_plan(plan, actor=actor)
    organisation = Organisation.objects.get(name="Œuvre d'Étaples")
    assert stored(organisation) == ("oeuvre d etaples", "oeuvre d'etaples")


def test_every_seed_loader_and_importer_of_the_source_data_fills_them(source_data):
    assert Organisation.objects.count() > 20
    assert_every_row_in_sync()
    assert (
        checks.run_checks(include_deployment_checks=True, databases=["default"], tags=["database"])
        == []
    )


def test_bulk_paths_that_bypass_save_fill_them(db):
    # bulk_create (and simple-history's bulk_create_with_history, which calls it), from a
    # generator as the bench passes it, and without any key set by the caller.
    made = Organisation.objects.bulk_create(
        Organisation(name=f"Élan {i}", usual_name="Ça" if i else "", legal_kind="association")
        for i in range(3)
    )
    (with_history,) = bulk_create_with_history(
        [Organisation(name="Île", legal_kind="association")], Organisation
    )
    names = {o.name: o for o in Organisation.objects.all()}
    assert stored(names["Élan 0"]) == ("elan 0", "elan 0")
    assert stored(names["Élan 1"]) == ("elan 1 ca", "ca")
    assert stored(names["Île"]) == ("ile", "ile")
    assert len(made) == 3 and with_history.name == "Île"

    # bulk_update of a name, and QuerySet.update of names (the keys are computed in Python).
    first = names["Élan 0"]
    first.usual_name = "Ödön"
    Organisation.objects.bulk_update([first], ["usual_name"])
    assert stored(first) == ("elan 0 odon", "odon")
    assert Organisation.objects.filter(name__startswith="Élan").update(usual_name="Été") == 3
    assert {stored(o) for o in made} == {(f"elan {i} ete", "ete") for i in range(3)}
    Organisation.objects.filter(pk=with_history.pk).update(name="Ÿ", notes="x")
    assert stored(with_history) == ("y", "y")
    assert_every_row_in_sync()


def test_create_and_get_or_create_fill_them(db):
    created = Organisation.objects.create(name="Ärger", legal_kind="association")
    got, _ = Organisation.objects.get_or_create(name="Öl", defaults={"legal_kind": "association"})
    updated, _ = Organisation.objects.update_or_create(
        name="Öl", defaults={"usual_name": "Ölig", "legal_kind": "association"}
    )
    assert stored(created) == ("arger", "arger")
    assert stored(got) == ("ol olig", "olig") == stored(updated)


def data_check_errors(**options):
    found = checks.run_checks(include_deployment_checks=True, tags=["database"], **options)
    return [e for e in found if e.id == "organisations.E001"]


def test_the_data_check_finds_a_row_written_around_them_and_refresh_repairs_it(db):
    good = OrganisationFactory(name="Bonne")
    bad = OrganisationFactory(name="Écart")
    other = OrganisationFactory(name="Autre")
    assert data_check_errors(databases=["default"]) == []
    # Written around the model (raw SQL, a hand-edited backup): the base manager's update
    # is Django's own and leaves the keys behind.
    Organisation._base_manager.filter(pk=bad.pk).update(name="Écartée")
    Organisation._base_manager.filter(pk=other.pk).update(sort_name="")
    (error,) = data_check_errors(databases=["default"])
    assert "2 structures ont" in error.msg and "« Écartée »" in error.msg
    # Without a database (what `check --deploy` asks by default), or without --deploy
    # (what `migrate` runs): not read.
    assert data_check_errors() == []
    assert "organisations.E001" not in {e.id for e in checks.run_checks(databases=["default"])}
    assert refresh_name_keys() == 2
    assert stored(bad) == ("ecartee", "ecartee") and stored(other) == ("autre", "autre")
    assert stored(good) == ("bonne", "bonne")
    assert data_check_errors(databases=["default"]) == []


def test_the_check_command_reports_it(db):
    bad = OrganisationFactory(name="Écart")
    Organisation._base_manager.filter(pk=bad.pk).update(sort_name="")
    with pytest.raises(SystemCheckError, match="organisations.E001"):
        call_command(
            "check", "--deploy", "--database", "default", "--tag", "database",
            stdout=io.StringIO(), stderr=io.StringIO(),
        )  # fmt: skip


def test_no_product_code_writes_organisations_around_the_model():
    # Raw SQL on the table, or the base manager (Django's plain QuerySet, without the
    # key-filling bulk paths) used for writes, would skip the keys. Migrations and the
    # backup restore (which restores the stored keys of a backup) are the exceptions.
    allowed = {PRODUCT / "core" / "backup.py", PRODUCT / "organisations" / "models.py"}
    offenders = []
    for path in PRODUCT.rglob("*.py"):
        if "migrations" in path.parts or path in allowed:
            continue
        source = path.read_text(encoding="utf-8")
        if "organisations_organisation" in source or re.search(
            r"Organisation\._base_manager|Organisation\._meta\.base_manager", source
        ):
            offenders.append(str(path.relative_to(PRODUCT)))
    assert offenders == []


def test_the_admin_does_not_offer_organisations_or_saves_them_through_the_model():
    # Organisations are not in the admin; were they registered, its save must stay
    # ModelAdmin's own (obj.save(), which fills the keys).
    model_admin = admin.site._registry.get(Organisation)
    assert model_admin is None or type(model_admin).save_model is admin.ModelAdmin.save_model
