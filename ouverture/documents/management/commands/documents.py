"""`ouverture documents list` and
`ouverture documents generate KIND --agreement REF --format docx|pdf|html --output FILE
[--as USERNAME]` and `ouverture documents generate deliberation|commission-report
--deliberation NUMBER --format docx|pdf --output FILE`. Runs inline; exit 0 when the file is written, else a French message."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from ouverture.accounts.services import system_user
from ouverture.agreements.models import Agreement
from ouverture.documents import registry, render, services
from ouverture.documents.base import DocumentError
from ouverture.documents.decisions import find_deliberation


class Command(BaseCommand):
    help = "Liste les documents ou en génère un (bilan d'activités, proposition, convention)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("list", help="Les documents disponibles.")
        gen = sub.add_parser("generate", help="Générer un document.")
        kinds = (*registry.AGREEMENT_DOCUMENTS, *registry.DELIBERATION_DOCUMENTS)
        gen.add_argument("kind", help=", ".join(kinds))
        gen.add_argument("--agreement", help="Référence de la convention.")
        gen.add_argument("--deliberation", help="Numéro de la délibération (ex. 2024-401).")
        gen.add_argument("--format", dest="fmt", required=True, help="docx, pdf ou html")
        gen.add_argument("--output", required=True, help="Fichier à écrire.")
        gen.add_argument("--as", dest="username", help="Générer au nom de ce compte.")

    def handle(self, *args, action, **options):
        if action == "list":
            for kind, cls in {**registry.DOCUMENTS, **registry.DELIBERATION_DOCUMENTS}.items():
                self.stdout.write(f"{kind}\t{cls.label}\t{', '.join(cls.formats)}")
            return
        kind, fmt, output = options["kind"], options["fmt"], Path(options["output"])
        if kind in registry.DELIBERATION_DOCUMENTS:
            return self.generate_from_deliberation(kind, fmt, output, options)
        if kind not in registry.AGREEMENT_DOCUMENTS:
            raise CommandError(
                f"Document inconnu : « {kind} ». Choisissez parmi : "
                f"{', '.join((*registry.AGREEMENT_DOCUMENTS, *registry.DELIBERATION_DOCUMENTS))}."
            )
        if not options.get("agreement"):
            raise CommandError(f"Indiquez la convention : --agreement REFERENCE ({kind}).")
        if fmt not in ("docx", "pdf", "html"):
            raise CommandError(f"Format inconnu : « {fmt} ». Choisissez docx, pdf ou html.")
        try:
            agreement = Agreement.objects.with_parties().by_reference(options["agreement"])
        except Agreement.DoesNotExist:
            raise CommandError(
                f"Aucune convention de référence « {options['agreement']} »."
            ) from None
        actor = system_user()
        if options.get("username"):
            try:
                actor = get_user_model().objects.get(username=options["username"])
            except get_user_model().DoesNotExist:
                raise CommandError(f"Compte inconnu : « {options['username']} ».") from None
        if not output.parent.exists():
            raise CommandError(f"Le dossier {output.parent} n'existe pas.")
        try:
            generation = services.generate_now(kind, agreement, fmt, actor=actor)
        except PermissionDenied as error:
            raise CommandError(str(error)) from None
        except DocumentError as error:
            raise CommandError(str(error)) from None
        output.write_bytes(bytes(generation.content))
        self.stdout.write(
            f"{output} écrit ({len(generation.content)} octets, {len(generation.figures)} chiffres)."
        )

    def generate_from_deliberation(self, kind, fmt, output, options):
        """Inline, from the records; nothing is written unless the whole file was made."""
        if fmt not in ("docx", "pdf"):
            raise CommandError(f"Format inconnu : « {fmt} ». Choisissez docx ou pdf.")
        if not options.get("deliberation"):
            raise CommandError(f"Indiquez la délibération : --deliberation NUMÉRO ({kind}).")
        if not output.parent.exists():
            raise CommandError(f"Le dossier {output.parent} n'existe pas.")
        try:
            act = find_deliberation(options["deliberation"])
            document = registry.DELIBERATION_DOCUMENTS[kind](act)
            content, figures = render.generate(document, fmt)
        except DocumentError as error:
            raise CommandError(str(error)) from None
        output.write_bytes(content)
        self.stdout.write(f"{output} écrit ({len(content)} octets, {len(figures)} chiffres).")
