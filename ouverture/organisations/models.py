import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.db.models.functions import Collate
from simple_history.models import HistoricalRecords

from ouverture.accounts.enums import Role
from ouverture.core.text import sort_key
from ouverture.geo.text import normalize_name
from ouverture.organisations.enums import LegalKind, ProjectTypeCode, size_class_for
from ouverture.organisations.validators import validate_siret


class ProjectType(models.Model):
    """Reference rows (youth mobility, cooperation, twinning), so that a set of
    types is a plain many-to-many that SQL can filter and count."""

    code = models.CharField(
        "code", max_length=20, primary_key=True, choices=ProjectTypeCode.choices
    )
    label = models.CharField("libellé", max_length=100)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "type de projet"
        verbose_name_plural = "types de projet"
        ordering = ["order"]

    def __str__(self):
        return self.label


class CodePointIndex(models.Index):
    """An index whose text columns are in code point order, as Python compares strings:
    COLLATE "C" on PostgreSQL (the database's collation may be linguistic, and an
    ORDER BY … COLLATE "C" can only walk an index of that collation), the plain columns on
    SQLite (BINARY is code point order already). Other columns are indexed as they are."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return super().create_sql(model, schema_editor, using=using, **kwargs)
        expressions = [
            Collate(F(name), "C")
            if isinstance(model._meta.get_field(name), models.CharField | models.TextField)
            else F(name)
            for name in self.fields
        ]
        collated = models.Index(*expressions, name=self.name)
        return collated.create_sql(model, schema_editor, using=using, **kwargs)


# The fields the stored name keys (search_name, sort_name) are computed from.
NAME_KEY_SOURCES = frozenset({"name", "usual_name"})
NAME_KEYS = ("search_name", "sort_name")


class OrganisationQuerySet(models.QuerySet):
    # Every write path keeps the stored name keys in step with the names: save() computes
    # them, and so do the bulk paths that bypass save() (bulk_create, bulk_update, update).

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for organisation in objs:
            organisation.fill_name_keys()
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        fields = list(fields)
        if NAME_KEY_SOURCES & set(fields):
            objs = list(objs)
            for organisation in objs:
                organisation.fill_name_keys()
            fields += [key for key in NAME_KEYS if key not in fields]
        return super().bulk_update(objs, fields, *args, **kwargs)

    def update(self, **kwargs):
        if not NAME_KEY_SOURCES & kwargs.keys():
            return super().update(**kwargs)
        # The keys are computed in Python (core.text): rename, then recompute the renamed rows.
        with transaction.atomic(using=self.db, savepoint=False):
            pks = list(self.values_list("pk", flat=True))
            count = super().update(**kwargs)
            base = self.model._base_manager.using(self.db)
            for i in range(0, len(pks), 1000):
                rows = list(base.filter(pk__in=pks[i : i + 1000]).only("pk", *NAME_KEY_SOURCES))
                for organisation in rows:
                    organisation.fill_name_keys()
                base.bulk_update(rows, list(NAME_KEYS))
        return count

    def visible_to(self, user):
        """Institutional users see every organisation; a holder only its own."""
        if not user.is_authenticated:
            return self.none()
        if user.is_network or user.is_administrator or user.role == Role.FUNDER_OFFICER:
            return self
        return self.filter(memberships__user=user)

    def search(self, text):
        text = (text or "").strip()
        if not text:
            return self
        key = normalize_name(text)
        return self.filter(
            Q(name__icontains=text)
            | Q(usual_name__icontains=text)
            | Q(search_name__contains=key)
            | Q(commune__search_name__contains=key)
            | Q(commune__code=text)
            | Q(siret=text.replace(" ", ""))
        )

    def with_list_data(self):
        return self.select_related("commune").prefetch_related("project_types")


class Organisation(models.Model):
    name = models.CharField("nom", max_length=200)
    # The short name the network's tables use ("Tantely Soa" for "Association Tantely Soa Madagascar").
    usual_name = models.CharField("nom d'usage", max_length=200, blank=True)
    search_name = models.CharField(max_length=200, editable=False, db_index=True)
    # The display name's sort key (core.text.sort_key): the coaching recap orders by it in SQL.
    sort_name = models.CharField(max_length=400, editable=False, default="")
    legal_kind = models.CharField("forme juridique", max_length=30, choices=LegalKind.choices)
    siret = models.CharField(
        "SIRET",
        max_length=14,
        blank=True,
        validators=[validate_siret],
        help_text="14 chiffres, facultatif.",
    )
    address = models.CharField("adresse", max_length=255, blank=True)
    postal_code = models.CharField("code postal", max_length=5, blank=True)
    commune = models.ForeignKey(
        "geo.Commune",
        verbose_name="commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )
    email = models.EmailField("e-mail", blank=True)
    phone = models.CharField("téléphone", max_length=30, blank=True)
    website = models.URLField("site internet", blank=True)
    representative_name = models.CharField("représentant·e légal·e", max_length=150, blank=True)
    representative_title = models.CharField("qualité du représentant", max_length=150, blank=True)
    project_types = models.ManyToManyField(ProjectType, verbose_name="types de projet", blank=True)
    annual_budget = models.DecimalField(
        "budget annuel (€)", max_digits=12, decimal_places=2, null=True, blank=True
    )
    notes = models.TextField("notes", blank=True)
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    history = HistoricalRecords(
        m2m_fields=[project_types], excluded_fields=["search_name", "sort_name", "updated_at"]
    )
    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = "structure"
        # Accent- and case-insensitive ("Éperlecques" with the E, "CMJE" after "Campus").
        ordering = ["search_name", "pk"]
        indexes = [
            # The coaching recap page walks organisations in this order with LIMIT/OFFSET.
            CodePointIndex(fields=["sort_name", "id"], name="organisation_sort_name_idx"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.fill_name_keys()
        self.siret = "".join(self.siret.split())
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and NAME_KEY_SOURCES & set(update_fields):
            kwargs["update_fields"] = {*update_fields, *NAME_KEYS}
        super().save(*args, **kwargs)

    def fill_name_keys(self):
        """The stored keys of the names: search_name (search) and sort_name (display order,
        core.text.sort_key of the display name). Every write path calls it."""
        self.search_name = normalize_name(f"{self.name} {self.usual_name}")
        self.sort_name = sort_key(self.usual_name or self.name)

    @property
    def name_keys_in_sync(self):
        return (self.search_name, self.sort_name) == (
            normalize_name(f"{self.name} {self.usual_name}"),
            sort_key(self.usual_name or self.name),
        )

    def clean(self):
        super().clean()
        # Plausibility (issue 9): a French postal code is five digits.
        if self.postal_code and not re.fullmatch(r"\d{5}", self.postal_code.strip()):
            raise ValidationError(
                {
                    "postal_code": f"Code postal « {self.postal_code} » : cinq chiffres, "
                    "par exemple 62000."
                }
            )

    @property
    def display_name(self):
        return self.usual_name or self.name

    @property
    def size_class(self):
        return size_class_for(self.annual_budget)

    def get_size_class_display(self):
        from ouverture.organisations.enums import SizeClass

        return SizeClass(self.size_class).label if self.size_class else ""

    def eligibility(self):
        """What the funder checks first: domiciled in the département, a project type in scope."""
        code = settings.OUVERTURE_DEPARTEMENT
        in_scope = [
            t
            for t in self.project_types.all()
            if t.code in settings.OUVERTURE_PROJECT_TYPES_IN_SCOPE
        ]
        domiciled = self.commune is not None and self.commune.departement_id == code
        return [
            {
                "label": "Domiciliée dans le département",
                "ok": domiciled,
                "detail": (
                    f"{self.commune.name}, département {self.commune.departement_id}"
                    if self.commune
                    else "commune non renseignée"
                ),
            },
            {
                "label": "Type de projet couvert par les dispositifs",
                "ok": bool(in_scope),
                "detail": ", ".join(t.label for t in in_scope) or "aucun type de projet couvert",
            },
        ]

    @property
    def is_eligible(self):
        return all(check["ok"] for check in self.eligibility())


class Contact(models.Model):
    """A person to reach in an organisation: minimal personal data only."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField("nom", max_length=150)
    role = models.CharField("fonction", max_length=150, blank=True)
    email = models.EmailField("e-mail", blank=True)
    phone = models.CharField("téléphone", max_length=30, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "contact"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Membership(models.Model):
    """A project holder's account belongs to one organisation."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "appartenance"

    def __str__(self):
        return f"{self.user} — {self.organisation}"
