"""The whole chain through the services and the holder's pages: a holder applies to the 2025
62MEI call, the instructor asks for a completion, the holder completes, the application is
proposed with a credit line, the 5th commission gives its opinion, the Commission Permanente
records presence with one proxy and votes by group, the deliberation is adopted: the agreement
exists and cites it, and the funder's available credit has dropped by the amount."""

import datetime as dt
from decimal import Decimal

from django.urls import reverse

from ouverture.agreements import services as agreements
from ouverture.agreements.checks import run_checks
from ouverture.agreements.hooks import reference_text
from ouverture.agreements.overview import AgreementOverview
from ouverture.assemblies import deliberations, services
from ouverture.assemblies.content import commission_report_content, deliberation_content
from ouverture.assemblies.enums import BodyKind
from ouverture.calls import services as calls
from ouverture.calls.enums import ApplicationStatus as S
from ouverture.calls.models import Call, Funder
from ouverture.organisations.models import ProjectType
from tests.assemblies.factories import make_body, make_members, make_sitting
from tests.calls.factories import make_call, make_scheme


def test_from_the_application_to_the_agreement(
    holder, holder_organisation, funder_officer, client_for
):
    holder_organisation.representative_name = "Camille Martin"
    holder_organisation.save()
    scheme = make_scheme(
        code="62mei", acronym="62MEI", name="Pas-de-Calais, mobilité européenne et internationale"
    )
    call = make_call(
        scheme=scheme, year=2025, opens_on=dt.date(2025, 1, 15), closes_on=dt.date(2025, 4, 30)
    )
    funder = Funder.objects.get(pk=scheme.funder_id)
    operation = agreements.create_operation(
        actor=funder_officer, funder=funder.organisation, year=2025, code="C05-043A06",
        imputation="65748//93043", label="Actions européennes et internationales", credits="20000",
    )  # fmt: skip
    application = calls.create_application(
        actor=holder, call=call, organisation=holder_organisation, title="Jeunes à Cracovie",
        project_type=ProjectType.objects.get(code="youth_mobility"), requested_amount="3000",
        starts_on=dt.date(2025, 7, 1), ends_on=dt.date(2025, 7, 15),
    )  # fmt: skip
    calls.add_line(application, actor=holder, label="Voyage", total="4000", strand="Mobilité")
    calls.add_resource(
        application, actor=holder, label="Département", amount="3000", is_request=True
    )
    calls.add_resource(application, actor=holder, label="Fonds propres", amount="1000")
    calls.submit(application, actor=holder, today=dt.date(2025, 3, 1))
    calls.move(application, S.UNDER_INSTRUCTION, actor=funder_officer)
    calls.move(
        application, S.COMPLETION_REQUESTED, actor=funder_officer, reason="Devis du transporteur"
    )
    # The holder completes from its page.
    client = client_for(holder)
    page = client.get(reverse("calls:application", args=[application.pk]))
    assert "Complétée" in page.text
    client.post(reverse("calls:application_move", args=[application.pk]), {"target": "completed"})
    application.refresh_from_db()
    assert application.status == S.COMPLETED
    calls.move(application, S.UNDER_INSTRUCTION, actor=funder_officer)
    calls.give_opinion(
        application,
        actor=funder_officer,
        opinion="favourable",
        text="Conforme",
        proposed_amount="3000",
    )
    calls.move(application, S.PROPOSED, actor=funder_officer)
    available_before = operation.available_amount()
    line = agreements.reserve_credit(
        operation, actor=funder_officer, amount="3000", label="Jeunes à Cracovie"
    )

    standing = make_body(
        funder, kind=BodyKind.STANDING, represented=True, name="Commission Permanente"
    )
    thematic = make_body(funder, kind=BodyKind.THEMATIC, name="5ème commission")
    members = make_members(standing, {"Groupe A": 4, "Groupe B": 3})
    everyone = members["Groupe A"] + members["Groupe B"]
    sitting = make_sitting(funder_officer, standing, everyone, present=6, date=dt.date(2025, 6, 16))
    services.give_proxy(sitting, everyone[6], everyone[4], actor=funder_officer)
    item = services.add_item(
        sitting, actor=funder_officer, title="62MEI 2025", report_number="3",
        applications=[application], credit_line=line,
    )  # fmt: skip
    services.give_opinion(
        item, actor=funder_officer, body=thematic, date=dt.date(2025, 6, 2), verdict="favourable"
    )
    group_a, group_b = members["Groupe A"][0].group, members["Groupe B"][0].group
    services.record_vote(
        item,
        actor=funder_officer,
        groups={group_a: {"for": 4}, group_b: {"for": 2, "abstention": 1}},
    )
    act = deliberations.create_deliberation(
        actor=funder_officer,
        body=standing,
        number="2025-77",
        date=sitting.date,
        title="62MEI 2025",
        item=item,
    )
    deliberations.add_article(
        act, actor=funder_officer, kind="grant", text="D'attribuer 3 000 €",
        beneficiary=holder_organisation, amount=Decimal("3000.00"),
    )  # fmt: skip
    deliberations.add_imputation(act, line, actor=funder_officer)
    deliberations.adopt(act, actor=funder_officer)

    application.refresh_from_db()
    assert application.status == S.ACCEPTED
    assert application.steps.last().reason == "Délibération n°2025-77 du 16 juin 2025"
    (agreement,) = act.agreements.all()
    assert agreement.beneficiary == holder_organisation and agreement.subsidy == Decimal("3000.00")
    assert (
        reference_text(agreement) == "Commission Permanente du 16 juin 2025, délibération n°2025-77"
    )
    assert agreement.forecast_cost == Decimal("4000.00")
    # The funder's share of the cost against the call's maximum rate (80 % by default).
    (rate,) = [c for c in run_checks(AgreementOverview(agreement)) if c.code == "funding_rate"]
    assert rate.level == "ok" and "75,0 % pour un maximum de 80 %" in rate.detail
    Call.objects.filter(pk=application.call_id).update(max_rate=Decimal("70"))
    (rate,) = [c for c in run_checks(AgreementOverview(agreement)) if c.code == "funding_rate"]
    assert rate.level == "ko" and "75,0 % pour un maximum de 70 %" in rate.detail
    line.refresh_from_db()
    assert line.status == "committed" and line.agreement == agreement
    assert operation.available_amount() == available_before - Decimal("3000.00")
    content = deliberation_content(act)
    assert (
        content["vote"]["for"],
        content["vote"]["abstention"],
        len(content["presence"]["proxies"]),
    ) == (6, 1, 1)
    report = commission_report_content(act)
    (row,) = report["credit_table"]
    assert (row["cp"], row["available"], row["proposal"], row["balance"]) == (
        Decimal("20000.00"), Decimal("20000.00"), Decimal("3000.00"), Decimal("17000.00"),
    )  # fmt: skip
    assert report["applications"][0]["proposed"] == Decimal("3000.00")
