"""The twinnings to start from: the real public extract shipped in
`data/wikipedia_en_twin_towns_pas-de-calais_extract.csv` (English Wikipedia via
Hekman/twincities, CC BY-SA 4.0), loaded through the importer like any file.

The source document's own list of 188 agreements is not public: nothing is
generated from its totals. The extract gives about half as many pairs, as they
stand: status unknown until verified. Doubtful rows are imported and flagged for
review, never dropped: communes whose name exists in several départements, the
same pair written twice ("England" / "England, United Kingdom", merged into one
agreement), partners in France, communes since merged (Hesdin, now a commune
déléguée of Hesdin-la-Forêt, mapped to 62447 with its former name kept).
Idempotent: a file already imported (same SHA-256) is not imported again.
"""

import hashlib
from pathlib import Path

from ouverture.twinnings.enums import ImportStatus
from ouverture.twinnings.models import ImportBatch
from ouverture.twinnings.services import import_file

EXTRACT = Path(__file__).parent / "data" / "wikipedia_en_twin_towns_pas-de-calais_extract.csv"
MAPPING = {
    "commune_code": "code_insee_62",
    "commune_name": "nom_source",
    "partner_name": "partner_city",
    "partner_country": "partner_country_source",
    "source_note": "listed_on_page_of",
}
SOURCE_LABEL = (
    "Wikipedia (en), « List of twin towns and sister cities in … », contributeurs de "
    "Wikipédia, CC BY-SA 4.0 (extraction Hekman/twincities, MIT) ; page"
)


def load(actor, log=print):
    content = EXTRACT.read_bytes()
    checksum = hashlib.sha256(content).hexdigest()
    if ImportBatch.objects.filter(checksum=checksum, status=ImportStatus.IMPORTED).exists():
        log("extrait Wikipedia déjà importé")
        return None
    result = import_file(
        content, EXTRACT.name, actor=actor, mapping=MAPPING, source_label=SOURCE_LABEL
    )
    if not result.written:
        raise RuntimeError(
            "L'extrait Wikipedia n'a pas pu être importé : "
            + "; ".join(f"ligne {r.line} : {' '.join(r.messages)}" for r in result.errors[:5])
        )
    s = result.summary
    log(
        f"{s['rows']} lignes : {s['agreements']} jumelages créés, {s['merged']} doublons fusionnés, "
        f"{s['to_review']} à vérifier"
    )
    return result
