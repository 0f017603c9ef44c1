"""`ouverture`: Django's manage.py under the product's name.

The settings come from DJANGO_SETTINGS_MODULE; without it, the production settings,
which refuse to start without DJANGO_SECRET_KEY. Development sets
DJANGO_SETTINGS_MODULE=config.settings.dev (`make run` and `make setup` do).
"""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        settings.INSTALLED_APPS  # noqa: B018 - imports the settings module now
    except ImproperlyConfigured as error:
        sys.stderr.write(f"ouverture : {error}\n")
        sys.exit(2)
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
