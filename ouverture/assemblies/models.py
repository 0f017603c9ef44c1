"""Bodies, members and their mandates, political groups, sittings with their agenda,
attendance and proxies, opinions and votes; deliberations with their citations, articles,
imputations and signatories.

The CGCT rules a vote must respect are settings of each `Body` (quorum basis, proxies per
holder, the president's casting vote), not code: `votes.py` reads them.
"""

from django.db import models
from simple_history.models import HistoricalRecords

from ouverture.assemblies.enums import (
    ArticleKind,
    BodyKind,
    Choice,
    ItemPresence,
    Presence,
    Result,
    Verdict,
)
from ouverture.core.formats import format_date


class Body(models.Model):
    funder = models.ForeignKey(
        "calls.Funder", verbose_name="collectivité", on_delete=models.PROTECT, related_name="bodies"
    )
    name = models.CharField("nom", max_length=200)
    kind = models.CharField("nature", max_length=20, choices=BodyKind.choices)
    # CGCT: the Commission Permanente deliberates when the absolute majority of its members in
    # office is present or represented (L.3121-14-1); the Conseil when it is present (L.3121-14).
    quorum_counts_represented = models.BooleanField(
        "quorum : les représentés comptent", default=False
    )
    proxies_per_holder = models.PositiveSmallIntegerField("pouvoirs par mandataire", default=1)
    president_casting_vote = models.BooleanField(
        "voix prépondérante du président en cas de partage", default=True
    )

    class Meta:
        verbose_name = "instance"
        ordering = ["name"]

    def __str__(self):
        return self.name


class PoliticalGroup(models.Model):
    funder = models.ForeignKey("calls.Funder", on_delete=models.PROTECT, related_name="groups")
    name = models.CharField("nom", max_length=200)
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "groupe politique"
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Member(models.Model):
    civility = models.CharField("civilité", max_length=5, choices=[("M.", "M."), ("Mme", "Mme")])
    first_name = models.CharField("prénom", max_length=100)
    last_name = models.CharField("nom", max_length=100)
    group = models.ForeignKey(
        PoliticalGroup,
        verbose_name="groupe",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )

    class Meta:
        verbose_name = "élu"
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return f"{self.first_name} {self.last_name.upper()}"

    @property
    def titled_name(self):
        return f"{self.civility} {self}"


class Mandate(models.Model):
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="mandates")
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="mandates")
    starts_on = models.DateField("début")
    ends_on = models.DateField("fin", null=True, blank=True)
    deliberative = models.BooleanField("voix délibérative", default=True)

    class Meta:
        verbose_name = "mandat"

    def __str__(self):
        return f"{self.member} — {self.body}"


class Sitting(models.Model):
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="sittings")
    date = models.DateField("date")
    place = models.CharField("lieu", max_length=100, blank=True)
    president = models.ForeignKey(
        Member,
        verbose_name="président",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    secretary = models.ForeignKey(
        Member,
        verbose_name="secrétaire",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "séance"
        ordering = ["-date"]

    def __str__(self):
        return f"{self.body} du {format_date(self.date)}"


class Attendance(models.Model):
    sitting = models.ForeignKey(Sitting, on_delete=models.CASCADE, related_name="attendances")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="attendances")
    status = models.CharField("présence", max_length=10, choices=Presence.choices)
    deliberative = models.BooleanField("voix délibérative", default=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["sitting", "member"], name="one_attendance_per_sitting")
        ]

    def __str__(self):
        return f"{self.member} : {self.get_status_display()}"


class Proxy(models.Model):
    sitting = models.ForeignKey(Sitting, on_delete=models.CASCADE, related_name="proxies")
    giver = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="proxies_given")
    holder = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="proxies_held")
    note = models.CharField("note", max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "pouvoir"
        constraints = [
            models.UniqueConstraint(fields=["sitting", "giver"], name="one_proxy_per_giver")
        ]

    def __str__(self):
        return f"{self.giver} → {self.holder}"


class AgendaItem(models.Model):
    """A report on a sitting's agenda: applications of a call, or a subsidy outside any call
    (the source's case) with its beneficiary, amount and the credit line it proposes."""

    sitting = models.ForeignKey(Sitting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField("rang", default=1)
    report_number = models.CharField("rapport n°", max_length=20, blank=True)
    title = models.CharField("objet", max_length=500)
    service = models.CharField("service instructeur", max_length=255, blank=True)
    territory = models.CharField("territoire(s)", max_length=255, blank=True)
    context = models.TextField("exposé", blank=True)
    applications = models.ManyToManyField("calls.Application", blank=True, related_name="items")
    beneficiary = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, null=True, blank=True
    )
    credit_line = models.ForeignKey(
        "agreements.CreditCommitment",
        verbose_name="crédits proposés",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    result = models.CharField("résultat", max_length=10, choices=Result.choices, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "point de l'ordre du jour"
        ordering = ["sitting", "position"]

    def __str__(self):
        return self.title


class ItemAttendance(models.Model):
    """A member present at the sitting who left before this item, or who stays without taking
    part in its vote ("ne prend pas part au vote"). Without a row, the sitting's attendance
    holds for the item. `votes.presences(sitting, item)` reads both: a member who left is
    neither present nor counted in the quorum, and the proxy he held no longer represents its
    giver on this item; a member not taking part is present and his voice is counted as not
    taking part."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="attendances")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    status = models.CharField("présence sur ce point", max_length=20, choices=ItemPresence.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "présence sur un point"
        constraints = [
            models.UniqueConstraint(fields=["item", "member"], name="one_attendance_per_item")
        ]

    def __str__(self):
        return f"{self.member} : {self.get_status_display()}"


class Opinion(models.Model):
    """A thematic commission's opinion on an item, given at its own meeting."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="opinions")
    body = models.ForeignKey(Body, verbose_name="commission", on_delete=models.PROTECT)
    date = models.DateField("date")
    verdict = models.CharField("avis", max_length=15, choices=Verdict.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "body"], name="one_opinion_per_commission")
        ]

    def __str__(self):
        return f"{self.body} : {self.get_verdict_display()}"


class Interest(models.Model):
    """A member with an interest in the item does not take part in its vote."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="interests")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")

    def __str__(self):
        return f"{self.member} (intéressé)"


class GroupVote(models.Model):
    """How a group's voices (present and represented) went; totals are sums of these rows."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="group_votes")
    group = models.ForeignKey(PoliticalGroup, on_delete=models.PROTECT, related_name="+")
    for_count = models.PositiveSmallIntegerField("pour", default=0)
    against = models.PositiveSmallIntegerField("contre", default=0)
    abstention = models.PositiveSmallIntegerField("abstention", default=0)
    not_taking_part = models.PositiveSmallIntegerField("ne prend pas part", default=0)

    class Meta:
        ordering = ["group__position", "group__name"]
        constraints = [
            models.UniqueConstraint(fields=["item", "group"], name="one_vote_row_per_group")
        ]

    def __str__(self):
        return f"{self.group} : {self.for_count} pour"


class MemberVote(models.Model):
    """A member's own vote when it is named (the president's on a tie, a dissent, an interest)."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="member_votes")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    choice = models.CharField("vote", max_length=20, choices=Choice.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "member"], name="one_vote_per_member")
        ]

    def __str__(self):
        return f"{self.member} : {self.get_choice_display()}"


class Deliberation(models.Model):
    """An act: number unique in its year, body, date, title; for the acts cited by others but
    not recorded here in full, only these facts."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="deliberations")
    year = models.PositiveSmallIntegerField("année")
    number = models.CharField("numéro", max_length=20)
    date = models.DateField("date")
    title = models.CharField("titre", max_length=500)
    item = models.OneToOneField(
        AgendaItem, on_delete=models.PROTECT, null=True, blank=True, related_name="deliberation"
    )
    result = models.CharField("résultat", max_length=10, choices=Result.choices, blank=True)
    place = models.CharField("lieu de signature", max_length=100, blank=True)
    agreements = models.ManyToManyField(
        "agreements.Agreement", blank=True, related_name="deliberations"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "délibération"
        ordering = ["-date", "number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="one_number_per_year")
        ]

    def __str__(self):
        return f"délibération n°{self.number} du {format_date(self.date)}"


class Citation(models.Model):
    """A "Vu": another deliberation record, or a text (the CGCT, the report)."""

    deliberation = models.ForeignKey(
        Deliberation, on_delete=models.CASCADE, related_name="citations"
    )
    position = models.PositiveSmallIntegerField("rang")
    cited = models.ForeignKey(
        Deliberation, on_delete=models.PROTECT, null=True, blank=True, related_name="cited_by"
    )
    text = models.TextField("texte", blank=True)

    class Meta:
        ordering = ["position"]

    def __str__(self):
        return str(self.cited or self.text)


class Article(models.Model):
    deliberation = models.ForeignKey(
        Deliberation, on_delete=models.CASCADE, related_name="articles"
    )
    position = models.PositiveSmallIntegerField("article")
    kind = models.CharField("nature", max_length=15, choices=ArticleKind.choices)
    text = models.TextField("texte")
    beneficiary = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, null=True, blank=True
    )
    amount = models.DecimalField("montant", max_digits=12, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["position"]

    def __str__(self):
        return f"Article {self.position}"


class Imputation(models.Model):
    """A row of the imputation table: the operation and the amount come from the credit line."""

    deliberation = models.ForeignKey(
        Deliberation, on_delete=models.CASCADE, related_name="imputations"
    )
    credit_line = models.ForeignKey(
        "agreements.CreditCommitment", on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self):
        return str(self.credit_line)


class Signatory(models.Model):
    deliberation = models.ForeignKey(
        Deliberation, on_delete=models.CASCADE, related_name="signatories"
    )
    position = models.PositiveSmallIntegerField("rang")
    title = models.CharField("qualité", max_length=255)
    name = models.CharField("nom", max_length=200)

    class Meta:
        ordering = ["position"]

    def __str__(self):
        return self.name
