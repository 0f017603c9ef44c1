"""What the write tests share: a refusal's shape, and "nothing written"."""

from django.apps import apps


def counts(*labels):
    """Rows of each model and of its history table (`app.Model`)."""
    out = {}
    for label in labels:
        model = apps.get_model(label)
        out[label] = model.objects.count()
        history = getattr(model, "history", None)
        if history is not None:
            out[f"{label} (historique)"] = history.model.objects.count()
    return out


def refused(response, field, message, status=400):
    """The response is a French refusal naming `field` with exactly `message`."""
    assert response.status_code == status, response.content
    body = response.json()
    if status == 400:
        assert body["message"].startswith("Requête refusée"), body
        assert message in body["erreurs"][field], body
    else:
        assert message in body["message"], body
    return body
