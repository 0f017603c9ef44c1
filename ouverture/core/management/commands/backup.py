"""`ouverture backup --output FILE`: the database and the uploaded files in one zip file."""

from django.core.management.base import BaseCommand, CommandError

from ouverture.core.backup import BackupError, write_backup


class Command(BaseCommand):
    help = (
        "Sauvegarde la base de données et les fichiers déposés (MEDIA_ROOT) dans un fichier "
        "zip, restaurable avec « ouverture restore FICHIER » (SQLite ou PostgreSQL)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="fichier zip à écrire")
        parser.add_argument("--database", default="default", help="base à sauvegarder")

    def handle(self, *args, output, database, **options):
        try:
            write_backup(output, using=database, log=self.stdout.write)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
