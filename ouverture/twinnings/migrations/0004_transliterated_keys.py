"""Partner towns and titles keyed through anyascii (Cyrillic, Greek, "ł" no longer vanish)."""

from django.db import migrations


def rekey(apps, schema_editor):
    from ouverture.twinnings.names import name_key

    PartnerTown = apps.get_model("twinnings", "PartnerTown")
    Agreement = apps.get_model("twinnings", "Agreement")
    towns = list(PartnerTown.objects.all())
    for town in towns:
        town.search_name = name_key(town.name)
    PartnerTown.objects.bulk_update(towns, ["search_name"], batch_size=1000)
    agreements = list(Agreement.objects.only("id", "title"))
    for agreement in agreements:
        agreement.search_title = name_key(agreement.title)
    Agreement.objects.bulk_update(agreements, ["search_title"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("twinnings", "0003_merge_conflicts_aliases")]
    operations = [migrations.RunPython(rekey, migrations.RunPython.noop)]
