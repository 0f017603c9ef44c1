"""Public feed (no account): the register as GeoJSON, public fields only (`geojson.py`)."""

import json

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import conditional_page, require_GET

from ouverture.twinnings import geojson

CONTENT_TYPE = "application/geo+json"


@csrf_exempt  # read-only: a POST gets 405, not the "formulaire expiré" page
@login_not_required
@require_GET
@conditional_page
def agreements_geojson(request):
    try:
        agreements = geojson.public_agreements(request.GET)
    except geojson.BadFilter as error:
        # The API's error shape (docs/API.md), though this feed needs no token.
        body = {
            "message": "Requête refusée : une erreur à corriger.",
            "erreurs": {error.param: [str(error)]},
        }
        return JsonResponse(body, status=400, json_dumps_params={"ensure_ascii": False})
    body = json.dumps(geojson.feature_collection(agreements), ensure_ascii=False)
    response = HttpResponse(body, content_type=f"{CONTENT_TYPE}; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="jumelages.geojson"'
    response["Cache-Control"] = "public, max-age=900"
    return response
