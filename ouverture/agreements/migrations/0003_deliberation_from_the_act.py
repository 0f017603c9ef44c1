"""The agreement's free-text deliberation field goes: the act is the deliberation record that
links the agreement (`assemblies.Deliberation.agreements`).

Before the field is dropped, what each text says is kept:
- an agreement some deliberation already links: the record says it (number, date, body);
- else, a text naming a recorded act ("délibération n°2024-401"): the act is linked to it;
- else, the text is kept in the agreement's notes, prefixed "Délibération (texte saisi avant
  les actes enregistrés) :", so nothing typed is lost.
"""

import re

from django.db import migrations

NUMBER = re.compile(r"n°\s*(\d{4}-\d{1,4})")
PREFIX = "Délibération (texte saisi avant les actes enregistrés) : "


def keep_texts(Agreement, Deliberation, texts):
    """`texts`: {agreement pk: its deliberation text}. Links the act a text names, else keeps
    the text in the notes. Returns {"linked": n, "kept_in_notes": n} (tested by calling it)."""
    Link = Deliberation.agreements.through
    done = {"linked": 0, "kept_in_notes": 0}
    for pk, text in texts.items():
        text = (text or "").strip()
        if not text or Link.objects.filter(agreement_id=pk).exists():
            continue
        match = NUMBER.search(text)
        act = Deliberation.objects.filter(number=match.group(1)).first() if match else None
        if act is not None:
            Link.objects.create(agreement_id=pk, deliberation_id=act.pk)
            done["linked"] += 1
            continue
        agreement = Agreement.objects.get(pk=pk)
        kept = PREFIX + text
        agreement.notes = f"{agreement.notes.rstrip()}\n\n{kept}" if agreement.notes else kept
        agreement.save(update_fields=["notes"])
        done["kept_in_notes"] += 1
    return done


def keep_what_the_text_says(apps, schema_editor):
    Agreement = apps.get_model("agreements", "Agreement")
    texts = dict(
        Agreement.objects.exclude(deliberation_reference="").values_list(
            "pk", "deliberation_reference"
        )
    )
    keep_texts(Agreement, apps.get_model("assemblies", "Deliberation"), texts)


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0002_amounts_unknown_commitments_deliverables"),
        # The act records the texts are matched against.
        ("assemblies", "0002_initial"),
    ]

    operations = [
        migrations.RunPython(keep_what_the_text_says, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="agreement",
            name="deliberation_reference",
        ),
        migrations.RemoveField(
            model_name="historicalagreement",
            name="deliberation_reference",
        ),
    ]
