"""`ouverture restore FILE`: a backup back into an empty database and MEDIA_ROOT."""

from django.core.management.base import BaseCommand, CommandError

from ouverture.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restaure une sauvegarde (« ouverture backup ») dans une base de données vide : "
        "toutes les lignes, avec leurs identifiants, et les fichiers déposés."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="fichier zip écrit par « ouverture backup »")
        parser.add_argument("--database", default="default", help="base où restaurer")

    def handle(self, *args, file, database, **options):
        try:
            restore_backup(file, using=database, log=self.stdout.write)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
