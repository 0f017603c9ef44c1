"""The realised amounts at which Article 5 (pro rata) is illustrated in the convention."""

from django.core.exceptions import ValidationError
from django.db import transaction

from ouverture.agreements.models import Agreement, ProRataExample
from ouverture.agreements.services._common import amount
from ouverture.core import history
from ouverture.core.formats import format_money

MAX_EXAMPLES = 5


@transaction.atomic
def set_pro_rata_examples(agreement, amounts, *, actor):
    """Replace the agreement's Article 5 examples by `amounts` (Decimal or French text, in
    order). Refuses an amount that is not a positive money figure, the same amount twice, or
    more than MAX_EXAMPLES, naming which; nothing is written then."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    amounts = list(amounts)
    if len(amounts) > MAX_EXAMPLES:
        raise ValidationError(
            {"pro_rata_examples": f"Au plus {MAX_EXAMPLES} exemples pour l'article 5."}
        )
    values = []
    for index, value in enumerate(amounts, start=1):
        try:
            number = amount(value, "pro_rata_examples", label=f"L'exemple n° {index}")
        except ValidationError as error:
            reason = " ".join(error.message_dict["pro_rata_examples"])
            raise ValidationError(
                {"pro_rata_examples": f"Exemple n° {index} de l'article 5 : {reason}"}
            ) from None
        if number in values:
            raise ValidationError(
                {"pro_rata_examples": f"L'exemple {format_money(number)} est donné deux fois."}
            )
        values.append(number)
    for example in agreement.pro_rata_examples.all():
        history.delete(example, actor, reason=f"Exemple de l'article 5 retiré : {example.realised}")
    return [
        history.save(ProRataExample(agreement=agreement, position=position, realised=value), actor)
        for position, value in enumerate(values, start=1)
    ]
