"""Printed documents: the sign-in sheet (feuille d'émargement) and attendance certificates."""

from django.utils import timezone

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


def certificates(workshop, registrations) -> bytes:
    """One page per person present."""
    return render_pdf(
        "events/pdf/certificate.html",
        {
            "workshop": workshop,
            "registrations": registrations,
            "facilitators": list(workshop.facilitators.all()),
            "today": timezone.localdate(),
        },
    )
