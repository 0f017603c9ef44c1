"""Records shown on screen name their date in words ("14 octobre 2024"), not "14/10/2024"."""

import datetime as dt

from ouverture.agreements.enums import PaymentKind
from ouverture.agreements.models import Payment
from ouverture.assemblies.models import Body, Deliberation, Sitting
from ouverture.coaching.enums import Channel
from ouverture.coaching.models import Interaction
from ouverture.events.models import Workshop


def test_payment_label_reads_the_date_in_words():
    payment = Payment(kind=PaymentKind.ADVANCE, date=dt.date(2024, 2, 1))
    assert str(payment) == "Avance du 1er février 2024"


def test_workshop_label_reads_the_date_in_words():
    assert (
        str(Workshop(title="Festisol", date=dt.date(2023, 12, 2))) == "Festisol (2 décembre 2023)"
    )


def test_sitting_and_deliberation_labels_read_the_date_in_words():
    sitting = Sitting(body=Body(name="Commission permanente"), date=dt.date(2024, 10, 14))
    assert str(sitting) == "Commission permanente du 14 octobre 2024"
    deliberation = Deliberation(number="2024-12", date=dt.date(2024, 10, 14))
    assert str(deliberation) == "délibération n°2024-12 du 14 octobre 2024"


def test_contact_label_reads_the_date_in_words():
    contact = Interaction(channel=Channel.PHONE, date=dt.date(2023, 3, 1))
    assert str(contact) == "Téléphone du 1er mars 2023"
