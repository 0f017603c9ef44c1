"""The OpenAPI document is generated and valid; the documentation page works offline."""

import json

from django.core.management import call_command


def test_the_schema_is_generated_valid_and_french(db, tmp_path):
    out = tmp_path / "schema.json"
    call_command("spectacular", "--validate", "--fail-on-warn", "--format", "openapi-json",
                 "--file", str(out))  # fmt: skip
    schema = json.loads(out.read_text())
    assert schema["info"]["title"] == "API d'Ouverture" and schema["info"]["version"] == "v1"
    assert "/api/v1/structures/" in schema["paths"]
    listing = schema["paths"]["/api/v1/structures/"]["get"]
    assert {"400", "401", "403", "429"} <= set(listing["responses"])
    assert schema["components"]["securitySchemes"]["jeton"]["scheme"] == "bearer"


def test_the_schema_url_serves_json(client, db):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    assert "json" in response.headers["Content-Type"]
    assert json.loads(response.content)["openapi"].startswith("3.")


def test_the_documentation_page_uses_no_cdn_and_no_inline_script(client, db):
    page = client.get("/api/v1/docs/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "cdn" not in html.lower() and "unpkg" not in html.lower()
    assert "<script>" not in html.replace(" ", "")
    assert '<html lang="fr">' in html  # a French page, read as French by screen readers
    script = client.get("/api/v1/docs/", {"script": ""})
    assert script.status_code == 200
    assert "SwaggerUIBundle" in script.content.decode()


def test_the_index_lists_the_endpoints(client, db):
    body = client.get("/api/v1/").json()
    assert body["versions"]["structures"].endswith("/api/v1/structures/")
    # The reads that are no family of records are listed too: a newcomer starts here.
    for prefix in ("accompagnements/bilan", "jumelages/statistiques", "jeton"):
        assert body["versions"][prefix].endswith(f"/api/v1/{prefix}/"), body
    assert client.get("/api/").json()["versions"]["v1"].endswith("/api/v1/")


def test_an_unknown_api_address_is_a_json_404_in_french(client, db):
    for method in ("get", "post", "delete"):
        response = getattr(client, method)("/api/v1/inconnu/")
        assert response.status_code == 404
        assert response.json()["message"].startswith("Adresse inconnue dans l'API")
