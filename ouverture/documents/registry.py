"""The explicit list of documents: identifier -> class. Views, the command and the task read it."""

from ouverture.documents.activity_report import ActivityReport
from ouverture.documents.convention import Convention
from ouverture.documents.decisions import CommissionReport, DeliberationAct
from ouverture.documents.proposal import Proposal
from ouverture.documents.tabular import AgreementWorkbook, CoachingRecapDocument

DOCUMENTS = {
    cls.kind: cls
    for cls in (ActivityReport, Proposal, Convention, AgreementWorkbook, CoachingRecapDocument)
}
# Documents made from an agreement with a template (the `documents generate` kinds).
AGREEMENT_DOCUMENTS = ("activity-report", "proposal", "agreement")
# Documents made from a deliberation (`documents generate KIND --deliberation NUMBER`). Kept
# apart from DOCUMENTS: the document pages take an agreement.
DELIBERATION_DOCUMENTS = {cls.kind: cls for cls in (DeliberationAct, CommissionReport)}


def get(kind):
    try:
        return DOCUMENTS[kind]
    except KeyError:
        raise LookupError(
            f"Document inconnu : « {kind} ». Documents disponibles : {', '.join(DOCUMENTS)}."
        ) from None
