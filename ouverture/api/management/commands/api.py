"""ouverture api schema --output FILE
ouverture api token create --user USERNAME --name NAME [--read-only] [--days N] [--app APP]
ouverture api token list --user USERNAME
ouverture api token revoke --prefix PREFIX"""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

from ouverture.accounts.models import User
from ouverture.accounts.services import system_user
from ouverture.api import services
from ouverture.api.enums import AppScope
from ouverture.api.models import ApiToken
from ouverture.core.formats import format_date


class Command(BaseCommand):
    help = "API : schéma OpenAPI, jetons."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        schema = sub.add_parser(
            "schema", help="écrit le document OpenAPI 3 (JSON), validé, sans avertissement"
        )
        schema.add_argument("--output", required=True, help="fichier JSON ('-' : la sortie)")
        token = sub.add_parser("token", help="jetons d'API")
        tokens = token.add_subparsers(dest="token_action", required=True)
        create = tokens.add_parser("create", help="crée un jeton et l'affiche, une seule fois")
        create.add_argument("--user", required=True, help="identifiant du titulaire")
        create.add_argument("--name", required=True, help="nom du jeton")
        create.add_argument("--read-only", action="store_true", help="lecture seule")
        create.add_argument("--days", type=int, help="validité en jours (sinon sans expiration)")
        create.add_argument("--app", choices=AppScope.values, help="limité à ce domaine")
        listing = tokens.add_parser("list", help="les jetons d'un compte (sans leur secret)")
        listing.add_argument("--user", required=True)
        revoke = tokens.add_parser("revoke", help="révoque un jeton")
        revoke.add_argument("--prefix", required=True, help="début du jeton (ouv_xxxxxxxx)")

    def handle(self, *args, action, **options):
        if action == "schema":
            return self._schema(options["output"])
        return getattr(self, f"_token_{options['token_action']}")(**options)

    def _schema(self, output):
        GENERATOR_STATS.reset()
        schema = SchemaGenerator().get_schema(request=None, public=True)
        validate_schema(schema)  # against the OpenAPI 3 specification
        if GENERATOR_STATS:
            # A field or view drf-spectacular could not describe: the schema would lie.
            GENERATOR_STATS.emit_summary()
            raise CommandError("Schéma OpenAPI incomplet : corrigez les avertissements ci-dessus.")
        text = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True)
        if output == "-":
            self.stdout.write(text)
            return
        Path(output).write_text(text + "\n", encoding="utf-8")
        self.stderr.write(f"Schéma OpenAPI écrit : {output} ({len(schema['paths'])} chemins).")

    def _user(self, username):
        try:
            return User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(f"Aucun compte « {username} ».") from None

    def _token_create(self, user, name, read_only, days, app, **options):
        owner = self._user(user)
        try:
            token, key = services.create_token(
                owner, name=name, actor=system_user(), days=days, read_only=read_only,
                app_scope=app or "",
            )  # fmt: skip
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(key)
        expiry = (
            f"expire le {format_date(token.expires_at)}" if token.expires_at else "sans expiration"
        )
        self.stderr.write(
            f"Jeton « {token.name} » pour {owner.username} ({expiry}) : copiez-le, "
            "il ne sera plus affiché."
        )

    def _token_list(self, user, **options):
        for token in ApiToken.objects.filter(user=self._user(user)):
            used = format_date(token.last_used_at) if token.last_used_at else "jamais"
            self.stdout.write(
                f"{token.prefix}…  {token.name}  {token.get_state_display()}  "
                f"dernière utilisation : {used}"
            )

    def _token_revoke(self, prefix, **options):
        tokens = list(ApiToken.objects.filter(prefix=prefix, revoked_at__isnull=True))
        if len(tokens) != 1:
            raise CommandError(
                f"Préfixe « {prefix} » : {len(tokens)} jeton(s) actif(s), il en faut exactement un."
            )
        try:
            services.revoke_token(tokens[0], actor=system_user())
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(f"Jeton « {tokens[0].name} » révoqué.")
