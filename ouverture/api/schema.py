"""The OpenAPI document: every operation says how it can refuse, in the one error shape."""

ERROR = {
    "type": "object",
    "required": ["message"],
    "properties": {
        "message": {"type": "string", "description": "Phrase en français."},
        "erreurs": {
            "type": "object",
            "description": "Par champ (« general » : le corps entier), les messages en français.",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
}
REFUSALS = {
    "400": "Requête refusée (paramètre, corps JSON, champ inconnu ou invalide) : rien n'est écrit.",
    "401": "Jeton absent, inconnu, expiré ou révoqué.",
    "403": "Jeton hors de son périmètre (lecture seule, autre domaine) ou rôle insuffisant.",
    "404": "Introuvable, ou hors du périmètre du titulaire du jeton.",
    "405": "Méthode non permise.",
    "406": "Seul le JSON est servi.",
    "415": "Seul le JSON est accepté.",
    "429": "Trop de requêtes avec ce jeton.",
}
PUBLIC_REFUSALS = ("400", "404", "405", "406")


def add_error_responses(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Erreur"] = ERROR
    ref = {"$ref": "#/components/schemas/Erreur"}
    for methods in result.get("paths", {}).values():
        for operation in methods.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            is_public = operation.get("security") == [] or {} in operation.get("security", [])
            codes = PUBLIC_REFUSALS if is_public else REFUSALS
            for code in codes:
                operation["responses"].setdefault(
                    code,
                    {
                        "description": REFUSALS[code],
                        "content": {"application/json": {"schema": ref}},
                    },
                )
            if operation.get("responses", {}).get("200") and not is_public:
                operation["responses"].setdefault("304", {"description": "Inchangé (ETag)."})
    return result
