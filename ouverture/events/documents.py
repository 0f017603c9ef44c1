"""Printed documents: the sign-in sheet (feuille d'émargement) and attendance certificates."""

from django.utils import timezone

from ouverture.core.articles import at_place, with_article
from ouverture.reports.pdf import render_pdf

BLANK_LINES_FOR_WALK_INS = 8


def sign_in_sheet(workshop, registrations) -> bytes:
    """A4: one line per person registered (name, organisation, a signature box),
    then blank lines for people who come without registering."""
    return render_pdf(
        "events/pdf/sign_in_sheet.html",
        {
            "workshop": workshop,
            "registrations": registrations,
            "facilitators": list(workshop.facilitators.all()),
            "blank_lines": range(BLANK_LINES_FOR_WALK_INS),
        },
    )


def organisers(workshop):
    """The organising parties as a certificate names them, from their records: name with its
    article ("le Département du Pas-de-Calais"), representative and title (the signatory)."""
    return [
        {
            "name": f.name,
            "with_article": with_article(f.name),
            "signatory": f.representative_name,
            "signatory_title": f.representative_title,
            "town": f.commune.name if f.commune_id else "",
        }
        for f in workshop.facilitators.select_related("commune").order_by("pk")
    ]


def certificate_context(workshop, registrations):
    parties = organisers(workshop)
    names = [p["with_article"] for p in parties]
    facilitated = " et ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
    return {
        "workshop": workshop,
        "registrations": registrations,
        "organisers": parties,
        "facilitated_by": f"par {facilitated}" if facilitated else "",
        "place_text": at_place(workshop.place) if workshop.place else "",
        "made_in": next((p["town"] for p in parties if p["town"]), ""),
        "today": timezone.localdate(),
    }


def certificates(workshop, registrations) -> bytes:
    """One page per person present, headed by the organisers' names and signed by their
    representatives."""
    return render_pdf("events/pdf/certificate.html", certificate_context(workshop, registrations))
