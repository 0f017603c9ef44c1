"""Twinning agreements between local parties (communes, intercommunalities, the
département, the region) and partner towns abroad; their sources, imports and
verification campaigns."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from ouverture.accounts.enums import Role
from ouverture.core.formats import format_date
from ouverture.organisations.enums import LegalKind
from ouverture.twinnings.enums import (
    AgreementKind,
    AgreementStatus,
    ConflictDecision,
    ConflictField,
    ContactOrigin,
    ImportStatus,
    PartyKind,
    RecipientKind,
    ReviewFlag,
)
from ouverture.twinnings.names import name_key as normalize_name


def signature_display(signed_on, signed_year):
    """A side's signature: the full date when known, else the year alone."""
    from ouverture.core.formats import format_date

    if signed_on:
        return format_date(signed_on)
    return str(signed_year) if signed_year else ""


class PartnerTownQuerySet(models.QuerySet):
    def search(self, text):
        key = normalize_name(text or "")
        return self.filter(search_name__contains=key) if key else self


class PartnerTown(models.Model):
    """A town abroad. One town may be twinned with several of our communes."""

    name = models.CharField("nom", max_length=150)
    search_name = models.CharField(max_length=150, editable=False, db_index=True)
    country = models.ForeignKey(
        "geo.Country", verbose_name="pays", on_delete=models.PROTECT, related_name="partner_towns"
    )
    region = models.CharField("région ou État", max_length=150, blank=True)
    region_key = models.CharField(max_length=150, editable=False, blank=True)
    # Other names of the same town: exonyms, bracketed alternatives ("Mons (Bergen)").
    aliases = models.JSONField("autres noms", default=list, blank=True)

    history = HistoricalRecords(excluded_fields=["search_name", "region_key"])
    objects = PartnerTownQuerySet.as_manager()

    class Meta:
        verbose_name = "ville partenaire"
        verbose_name_plural = "villes partenaires"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["search_name", "country", "region_key"], name="partner_town_unique"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.country_id})"

    def save(self, *args, **kwargs):
        self.search_name = normalize_name(self.name)
        self.region_key = normalize_name(self.region)
        super().save(*args, **kwargs)

    def name_keys(self):
        return {normalize_name(n) for n in (self.name, *self.aliases)} - {""}


class ImportBatch(models.Model):
    """A file people sent: its mapping, its dry-run report, and whether it was imported."""

    filename = models.CharField("fichier", max_length=255)
    content = models.BinaryField("contenu")
    checksum = models.CharField("empreinte SHA-256", max_length=64, db_index=True)
    encoding = models.CharField("encodage", max_length=10, default="utf-8")
    mapping = models.JSONField("correspondance des colonnes", default=dict, blank=True)
    options = models.JSONField("options", default=dict, blank=True)
    status = models.CharField(
        "état", max_length=10, choices=ImportStatus.choices, default=ImportStatus.UPLOADED
    )
    summary = models.JSONField("bilan", default=dict, blank=True)
    report = models.JSONField("rapport ligne à ligne", default=list, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="déposé par",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("déposé le", auto_now_add=True)
    imported_at = models.DateTimeField("importé le", null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["content", "report"])

    class Meta:
        verbose_name = "import de jumelages"
        verbose_name_plural = "imports de jumelages"
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self):
        return f"{self.filename} ({format_date(self.uploaded_at)})"


class AgreementQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Institutional users see every agreement; a holder only those of its
        organisation: the twinning committee, or the commune it is the town hall of."""
        if not user.is_authenticated:
            return self.none()
        if user.is_network or user.is_administrator or user.role == Role.FUNDER_OFFICER:
            return self
        membership = getattr(user, "membership", None)
        if membership is None:
            return self.none()
        organisation = membership.organisation
        scope = Q(committee_id=organisation.pk)
        if organisation.legal_kind == LegalKind.COMMUNE and organisation.commune_id:
            scope |= Q(local_parties__commune_id=organisation.commune_id)
        return self.filter(scope).distinct()

    def search(self, text):
        key = normalize_name(text or "")
        if not key:
            return self
        return self.filter(
            Q(search_title__contains=key)
            | Q(local_parties__commune__code=text.strip())
            | Q(local_parties__former_name__icontains=text.strip())
        ).distinct()

    def with_list_data(self):
        return self.select_related("committee", "contact").prefetch_related(
            models.Prefetch(
                "local_parties",
                queryset=LocalParty.objects.select_related("commune", "departement"),
            ),
            models.Prefetch(
                "partners", queryset=AgreementPartner.objects.select_related("town__country")
            ),
        )

    def active(self):
        return self.filter(status=AgreementStatus.ACTIVE)

    def needing_review(self):
        return self.filter(needs_review=True)

    def not_verified_since(self, day):
        """Still running (not ended) and never verified, or last verified before `day`."""
        return self.exclude(status=AgreementStatus.ENDED).filter(
            Q(verified_on__isnull=True) | Q(verified_on__lt=day)
        )

    def without_address(self):
        """No e-mail to write to: neither the committee's contact nor the committee nor
        any local party has one (a campaign or a mailing reaches nobody there)."""
        with_email = LocalParty.objects.filter(agreement=models.OuterRef("pk")).exclude(
            contact_email=""
        )
        return self.filter(
            Q(contact__isnull=True) | Q(contact__email=""),
            Q(committee__isnull=True) | Q(committee__email=""),
            ~models.Exists(with_email),
        )

    def verified_between(self, start, end):
        return self.filter(verified_on__gte=start, verified_on__lte=end)

    def in_country(self, code):
        return self.filter(partners__town__country_id=code).distinct()

    def in_continent(self, continent):
        return self.filter(partners__town__country__continent=continent).distinct()

    def in_epci(self, siren):
        return self.filter(
            Q(local_parties__commune__epci_siren=siren) | Q(local_parties__epci_siren=siren)
        ).distinct()


class Agreement(models.Model):
    """A twinning, decentralised cooperation or friendship pact."""

    kind = models.CharField(
        "nature", max_length=12, choices=AgreementKind.choices, default=AgreementKind.TWINNING
    )
    status = models.CharField(
        "statut", max_length=10, choices=AgreementStatus.choices, default=AgreementStatus.UNKNOWN
    )
    # What a status text said beyond its status word ("depuis 2015", "(50 ans en 2024)").
    status_note = models.CharField("précision sur le statut", max_length=300, blank=True)
    # Denormalised "Arras – Ipswich (Royaume-Uni)", kept by the services that change parties.
    title = models.CharField("intitulé", max_length=300, blank=True)
    search_title = models.CharField(max_length=300, editable=False, blank=True, db_index=True)
    committee = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="comité de jumelage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="twinning_agreements",
    )
    contact = models.ForeignKey(
        "organisations.Contact",
        verbose_name="contact du comité",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="twinning_agreements",
    )
    verified_on = models.DateField("dernière vérification", null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="vérifié par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Who answered through a personal link (no account).
    verified_by_name = models.CharField("vérifié par (réponse)", max_length=200, blank=True)
    upcoming_projects = models.TextField("projets à venir", blank=True)
    notes = models.TextField("notes", blank=True)
    needs_review = models.BooleanField("à vérifier", default=False, db_index=True)
    review_flags = models.JSONField("points à vérifier", default=list, blank=True)
    import_batch = models.ForeignKey(
        ImportBatch,
        verbose_name="import d'origine",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreements",
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    # The flags' details are kept out of the history (a JSON list reads badly there):
    # `needs_review` and the reason of each save say what was raised and reviewed.
    history = HistoricalRecords(excluded_fields=["search_title", "updated_at", "review_flags"])
    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = "jumelage"
        ordering = ["search_title", "pk"]
        indexes = [models.Index(fields=["status", "verified_on"])]

    def __str__(self):
        return self.title or f"Jumelage n°{self.pk}"

    def save(self, *args, **kwargs):
        self.search_title = normalize_name(self.title)
        super().save(*args, **kwargs)

    @property
    def verified_by_label(self):
        return str(self.verified_by) if self.verified_by_id else self.verified_by_name

    def flag_labels(self):
        labels = dict(ReviewFlag.choices)
        return [
            {"code": f["code"], "label": labels.get(f["code"], f["code"]), "detail": f["detail"]}
            for f in self.review_flags
        ]


class LocalPartyQuerySet(models.QuerySet):
    def communes(self):
        return self.filter(kind=PartyKind.COMMUNE)


class LocalParty(models.Model):
    """Our side of an agreement: a commune (by INSEE code), an intercommunality,
    the département or the region, with its own signature date."""

    agreement = models.ForeignKey(
        Agreement, verbose_name="jumelage", on_delete=models.CASCADE, related_name="local_parties"
    )
    kind = models.CharField("type", max_length=16, choices=PartyKind.choices)
    commune = models.ForeignKey(
        "geo.Commune",
        verbose_name="commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="twinning_parties",
    )
    # The name the commune signed under, when it has since merged or been renamed.
    former_name = models.CharField("ancien nom de la commune", max_length=150, blank=True)
    epci_siren = models.CharField("SIREN de l'intercommunalité", max_length=9, blank=True)
    epci_name = models.CharField("intercommunalité", max_length=150, blank=True)
    departement = models.ForeignKey(
        "geo.Departement",
        verbose_name="département",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    region_code = models.CharField("code région", max_length=3, blank=True)
    region_name = models.CharField("région", max_length=100, blank=True)
    signed_on = models.DateField("signé le", null=True, blank=True)
    signed_year = models.PositiveSmallIntegerField("année de signature", null=True, blank=True)
    # What a year alone would lose: "mai 1987", "vers 1987".
    signed_note = models.CharField("précision sur la signature", max_length=60, blank=True)
    contact_name = models.CharField("contact", max_length=150, blank=True)
    contact_email = models.EmailField("e-mail du contact", blank=True)
    contact_phone = models.CharField("téléphone du contact", max_length=30, blank=True)
    contact_address = models.CharField("adresse du contact", max_length=300, blank=True)
    contact_origin = models.CharField(
        "origine du contact", max_length=12, choices=ContactOrigin.choices, blank=True
    )

    history = HistoricalRecords()
    objects = LocalPartyQuerySet.as_manager()

    class Meta:
        verbose_name = "partie locale"
        verbose_name_plural = "parties locales"
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=PartyKind.COMMUNE) | Q(commune__isnull=False),
                name="local_party_commune_has_commune",
            )
        ]

    def __str__(self):
        return self.label

    @property
    def label(self):
        if self.kind == PartyKind.COMMUNE and self.commune_id:
            return self.commune.name
        if self.kind == PartyKind.INTERCOMMUNALITY:
            return self.epci_name or self.epci_siren
        if self.kind == PartyKind.DEPARTEMENT and self.departement_id:
            return str(self.departement)
        if self.kind == PartyKind.REGION:
            return f"Région {self.region_name}".strip()
        return self.get_kind_display()

    @property
    def signature(self):
        return signature_display(self.signed_on, self.signed_year)

    @property
    def epci_label(self):
        if self.kind == PartyKind.COMMUNE and self.commune_id:
            return self.commune.epci_name
        return self.epci_name if self.kind == PartyKind.INTERCOMMUNALITY else ""


class AgreementPartner(models.Model):
    """A partner town in an agreement, with the date its side signed."""

    agreement = models.ForeignKey(
        Agreement, verbose_name="jumelage", on_delete=models.CASCADE, related_name="partners"
    )
    town = models.ForeignKey(
        PartnerTown,
        verbose_name="ville partenaire",
        on_delete=models.PROTECT,
        related_name="agreement_links",
    )
    signed_on = models.DateField("signé le", null=True, blank=True)
    signed_year = models.PositiveSmallIntegerField("année de signature", null=True, blank=True)
    signed_note = models.CharField("précision sur la signature", max_length=60, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "partenaire"
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "town"], name="agreement_partner_unique")
        ]

    def __str__(self):
        return str(self.town)

    @property
    def signature(self):
        return signature_display(self.signed_on, self.signed_year)


class Source(models.Model):
    """Where we read about an agreement: a link, a note, the line of an imported file."""

    agreement = models.ForeignKey(
        Agreement, verbose_name="jumelage", on_delete=models.CASCADE, related_name="sources"
    )
    url = models.URLField("lien", max_length=500, blank=True)
    note = models.CharField("note", max_length=500, blank=True)
    import_batch = models.ForeignKey(
        ImportBatch,
        verbose_name="import",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sources",
    )
    line = models.PositiveIntegerField("ligne du fichier", null=True, blank=True)
    created_at = models.DateTimeField("ajoutée le", auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "source"
        ordering = ["pk"]

    def __str__(self):
        return self.note or self.url


class Campaign(models.Model):
    """A verification campaign: agreements not verified for N months get personal links."""

    name = models.CharField("nom", max_length=150)
    stale_months = models.PositiveSmallIntegerField("non vérifiés depuis (mois)")
    expires_on = models.DateField("liens valables jusqu'au")
    message = models.TextField("message", blank=True)
    # Agreements chosen but with no address to write to: the network phones them.
    unreachable = models.JSONField("jumelages sans adresse", default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="lancée par",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField("lancée le", auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "campagne de vérification"
        verbose_name_plural = "campagnes de vérification"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.name


class InvitationQuerySet(models.QuerySet):
    def answered(self):
        return self.filter(answered_at__isnull=False)

    def pending(self):
        return self.filter(answered_at__isnull=True)


class Invitation(models.Model):
    """One personal link: a recipient asked about one agreement, answerable once."""

    campaign = models.ForeignKey(
        Campaign, verbose_name="campagne", on_delete=models.CASCADE, related_name="invitations"
    )
    agreement = models.ForeignKey(
        Agreement, verbose_name="jumelage", on_delete=models.CASCADE, related_name="invitations"
    )
    recipient_kind = models.CharField("destinataire", max_length=12, choices=RecipientKind.choices)
    local_party = models.ForeignKey(
        LocalParty, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    contact = models.ForeignKey(
        "organisations.Contact", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recipient_name = models.CharField("nom du destinataire", max_length=200)
    email = models.EmailField("e-mail")
    # Random part of the signed token: a new link invalidates nothing else, a used one is spent.
    nonce = models.CharField(max_length=32, unique=True)
    expires_at = models.DateTimeField("expire le")
    sent_at = models.DateTimeField("envoyé le", null=True, blank=True)
    answered_at = models.DateTimeField("répondu le", null=True, blank=True)
    answer_status = models.CharField(
        "réponse", max_length=10, choices=AgreementStatus.choices, blank=True
    )
    answered_by_name = models.CharField("répondu par", max_length=200, blank=True)
    contact_name = models.CharField("contact indiqué", max_length=150, blank=True)
    contact_email = models.EmailField("e-mail indiqué", blank=True)
    contact_phone = models.CharField("téléphone indiqué", max_length=30, blank=True)
    upcoming_projects = models.TextField("projets à venir", blank=True)

    history = HistoricalRecords()
    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = "lien de vérification"
        verbose_name_plural = "liens de vérification"
        ordering = ["pk"]

    def __str__(self):
        return f"{self.recipient_name} — {self.agreement}"


class StatusChange(models.Model):
    """A status an import, an answer or a person gave, with its date and its source."""

    agreement = models.ForeignKey(
        Agreement, verbose_name="jumelage", on_delete=models.CASCADE, related_name="status_changes"
    )
    status = models.CharField("statut", max_length=10, choices=AgreementStatus.choices)
    note = models.CharField("précision", max_length=300, blank=True)
    previous = models.CharField(
        "statut précédent", max_length=10, choices=AgreementStatus.choices, blank=True
    )
    applied = models.BooleanField("appliqué", default=True)
    origin = models.CharField("origine", max_length=300)
    import_batch = models.ForeignKey(
        ImportBatch, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    line = models.PositiveIntegerField("ligne du fichier", null=True, blank=True)
    recorded_on = models.DateField("relevé le")

    class Meta:
        verbose_name = "changement de statut"
        verbose_name_plural = "changements de statut"
        ordering = ["recorded_on", "pk"]

    def __str__(self):
        return f"{self.get_status_display()} ({self.origin})"


class Conflict(models.Model):
    """A file or an answer contradicts what the register holds: a person decides."""

    agreement = models.ForeignKey(
        Agreement, verbose_name="jumelage", on_delete=models.CASCADE, related_name="conflicts"
    )
    field = models.CharField("champ", max_length=20, choices=ConflictField.choices)
    local_party = models.ForeignKey(
        LocalParty, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    partner = models.ForeignKey(
        AgreementPartner, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    current_label = models.CharField("valeur enregistrée", max_length=300, blank=True)
    proposed_label = models.CharField("valeur proposée", max_length=300)
    proposed = models.JSONField("valeur proposée (données)", default=dict)
    origin = models.CharField("origine", max_length=300)
    import_batch = models.ForeignKey(
        ImportBatch, on_delete=models.SET_NULL, null=True, blank=True, related_name="conflicts"
    )
    line = models.PositiveIntegerField("ligne du fichier", null=True, blank=True)
    created_at = models.DateTimeField("relevé le", auto_now_add=True)
    decision = models.CharField(
        "décision", max_length=8, choices=ConflictDecision.choices, blank=True
    )
    decided_at = models.DateTimeField("décidé le", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="décidé par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "conflit"
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["agreement", "decided_at"])]

    def __str__(self):
        return f"{self.get_field_display()} : {self.current_label} / {self.proposed_label}"

    @property
    def offers_both(self):
        return self.field == ConflictField.LOCAL_SIGNED and self.partner_id is not None


class AgreementRedirect(models.Model):
    """An agreement merged into another: links and answers sent for it reach the survivor."""

    old_id = models.PositiveIntegerField("ancien numéro", unique=True)
    agreement = models.ForeignKey(
        Agreement, verbose_name="jumelage conservé", on_delete=models.CASCADE, related_name="+"
    )
    merged_at = models.DateTimeField("fusionné le", auto_now_add=True)

    class Meta:
        verbose_name = "jumelage fusionné"
        verbose_name_plural = "jumelages fusionnés"

    def __str__(self):
        return f"{self.old_id} → {self.agreement_id}"


class ValueMapping(models.Model):
    """A value people wrote that no word explains, and the status chosen for it
    on the import screen: remembered for the next files."""

    field = models.CharField("champ", max_length=20, default="status")
    key = models.CharField("valeur normalisée", max_length=300)
    raw = models.CharField("valeur écrite", max_length=300)
    value = models.CharField("correspond à", max_length=20, choices=AgreementStatus.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField("choisie le", auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "correspondance de valeur"
        verbose_name_plural = "correspondances de valeurs"
        constraints = [
            models.UniqueConstraint(fields=["field", "key"], name="value_mapping_unique")
        ]

    def __str__(self):
        return f"{self.raw} → {self.get_value_display()}"

    @classmethod
    def mapping_for(cls, field):
        return dict(cls.objects.filter(field=field).values_list("key", "value"))
