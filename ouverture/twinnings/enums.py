from django.db import models


class AgreementKind(models.TextChoices):
    TWINNING = "twinning", "Jumelage"
    COOPERATION = "cooperation", "Coopération décentralisée"
    FRIENDSHIP = "friendship", "Pacte d'amitié"


class AgreementStatus(models.TextChoices):
    ACTIVE = "active", "Actif"
    DORMANT = "dormant", "En sommeil"
    ENDED = "ended", "Terminé"
    UNKNOWN = "unknown", "Inconnu"


# What a local party or committee may answer through its personal link.
ANSWER_STATUSES = [AgreementStatus.ACTIVE, AgreementStatus.DORMANT]


class PartyKind(models.TextChoices):
    COMMUNE = "commune", "Commune"
    INTERCOMMUNALITY = "intercommunality", "Intercommunalité"
    DEPARTEMENT = "departement", "Département"
    REGION = "region", "Région"


class ReviewFlag(models.TextChoices):
    """Why an imported agreement waits for a person to check it."""

    HOMONYM = "homonym", "Nom de commune porté par plusieurs communes"
    DUPLICATE = "duplicate", "Relevé plusieurs fois dans la source (fusionné)"
    PARTNER_IN_FRANCE = "partner_in_france", "Ville partenaire en France"
    FORMER_COMMUNE = "former_commune", "Commune fusionnée ou déléguée"
    OUTSIDE_DEPARTEMENT = "outside_departement", "Commune hors du département"
    DATE_CONFLICT = "date_conflict", "Dates de signature discordantes"


class RowOutcome(models.TextChoices):
    CREATED = "created", "Créé"
    MERGED = "merged", "Fusionné"
    UPDATED = "updated", "Complété"
    EXISTING = "existing", "Déjà présent"
    SKIPPED = "skipped", "Ignoré"
    ERROR = "error", "Erreur"


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", "Déposé"
    CHECKED = "checked", "Vérifié (essai à blanc)"
    IMPORTED = "imported", "Importé"


class RecipientKind(models.TextChoices):
    COMMITTEE = "committee", "Comité de jumelage"
    LOCAL_PARTY = "local_party", "Partie locale"


class ContactOrigin(models.TextChoices):
    FILE = "file", "Fichier importé"
    ANSWER = "answer", "Réponse à une campagne"
    PERSON = "person", "Saisie"
    DIRECTORY = "directory", "Annuaire de l'administration (contact institutionnel)"


class ConflictField(models.TextChoices):
    STATUS = "status", "Statut"
    KIND = "kind", "Nature"
    LOCAL_SIGNED = "local_signed", "Signature (partie locale)"
    PARTNER_SIGNED = "partner_signed", "Signature (partenaire)"
    FORMER_NAME = "former_name", "Ancien nom"
    COMMITTEE = "committee", "Comité de jumelage"
    CONTACT = "contact", "Contact"


class ConflictDecision(models.TextChoices):
    KEEP = "keep", "Garder la valeur enregistrée"
    REPLACE = "replace", "Remplacer par la valeur proposée"
    BOTH = "both", "Garder les deux dates (une par côté)"
