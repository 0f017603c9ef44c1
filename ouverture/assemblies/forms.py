"""Forms of the secretariat's screens: a sitting, its agenda items, the attendance table (one
radio group per member), the proxies, an item's own attendance, its vote by group and the
thematic commission's opinion. The rules are the services'; a refused write comes back on the
form (`core.forms.apply_service_errors`, or on the member's or group's row)."""

from django import forms
from django.db.models import Q

from ouverture.agreements.enums import CreditStatus
from ouverture.agreements.models import CreditCommitment
from ouverture.assemblies import registry
from ouverture.assemblies.drafting import split_lines, split_numbers
from ouverture.assemblies.enums import BodyKind, Choice, ItemPresence, Presence, Verdict
from ouverture.assemblies.models import Body, Member, PoliticalGroup
from ouverture.calls.enums import ApplicationStatus
from ouverture.calls.models import Application
from ouverture.core.forms import DateInput
from ouverture.core.pickers import SearchChoiceField
from ouverture.organisations.models import Organisation


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, member):
        group = f" ({member.group})" if member.group_id else ""
        return f"{member.titled_name}{group}"


def members_of(body, date=None, *, deliberative=None):
    """The members with a mandate in the body (on `date` when given; with a deliberative
    voice when asked), in one condition on the same mandate."""
    mandates = Q(mandates__body=body)
    if deliberative is not None:
        mandates &= Q(mandates__deliberative=deliberative)
    if date is not None:
        mandates &= Q(mandates__starts_on__lte=date) & (
            Q(mandates__ends_on__isnull=True) | Q(mandates__ends_on__gte=date)
        )
    return Member.objects.filter(mandates).select_related("group").distinct()


def deciding_bodies():
    return Body.objects.exclude(kind=BodyKind.THEMATIC).select_related("funder")


class SittingForm(forms.Form):
    body = forms.ModelChoiceField(label="Instance", queryset=Body.objects.none())
    date = forms.DateField(label="Date", widget=DateInput())
    place = forms.CharField(label="Lieu", max_length=100, required=False)
    president = MemberChoiceField(label="Président", queryset=Member.objects.none(), required=False)
    secretary = MemberChoiceField(
        label="Secrétaire de séance", queryset=Member.objects.none(), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bodies = deciding_bodies()
        self.fields["body"].queryset = bodies
        members = Member.objects.filter(mandates__body__in=bodies).select_related("group")
        self.fields["president"].queryset = members.distinct()
        self.fields["secretary"].queryset = members.distinct()


class ItemForm(forms.Form):
    position = forms.IntegerField(label="Rang", min_value=1)
    report_number = forms.CharField(label="Rapport n°", max_length=20, required=False)
    title = forms.CharField(label="Objet", max_length=500)
    service = forms.CharField(label="Service instructeur", max_length=255, required=False)
    territory = forms.CharField(label="Territoire(s)", max_length=255, required=False)
    context = forms.CharField(
        label="Exposé", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    applications = forms.ModelMultipleChoiceField(
        label="Candidatures proposées",
        queryset=Application.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Les candidatures proposées à la commission aux appels de la collectivité.",
    )
    beneficiary = SearchChoiceField(
        label="Bénéficiaire (subvention hors appel)",
        picker="organisation",
        queryset=Organisation.objects.none(),
        required=False,
    )
    credit_line = forms.ModelChoiceField(
        label="Crédits proposés", queryset=CreditCommitment.objects.none(), required=False
    )

    def __init__(self, *args, sitting, user, item=None, **kwargs):
        super().__init__(*args, **kwargs)
        funder = sitting.body.funder
        current = Q(items=item) if item is not None else Q(pk__in=[])
        self.fields["applications"].queryset = (
            Application.objects.filter(
                Q(call__scheme__funder=funder, status=ApplicationStatus.PROPOSED) | current
            )
            .select_related("organisation")
            .distinct()
            .order_by("title")
        )
        self.fields["beneficiary"].queryset = Organisation.objects.visible_to(user)
        self.fields["beneficiary"].user = user
        line = (
            Q(pk=item.credit_line_id) if item is not None and item.credit_line_id else Q(pk__in=[])
        )
        self.fields["credit_line"].queryset = CreditCommitment.objects.filter(
            Q(operation__funder_id=funder.organisation_id, status=CreditStatus.PROPOSED) | line
        ).select_related("operation")


class ProxyForm(forms.Form):
    giver = MemberChoiceField(label="Mandant (donne pouvoir)", queryset=Member.objects.none())
    holder = MemberChoiceField(
        label="Mandataire (reçoit le pouvoir)", queryset=Member.objects.none()
    )
    note = forms.CharField(label="Note", max_length=255, required=False)

    def __init__(self, *args, sitting, **kwargs):
        super().__init__(*args, **kwargs)
        members = members_of(sitting.body, sitting.date, deliberative=True).order_by(
            "last_name", "first_name"
        )
        self.fields["giver"].queryset = members
        self.fields["holder"].queryset = members


class OpinionForm(forms.Form):
    body = forms.ModelChoiceField(label="Commission thématique", queryset=Body.objects.none())
    date = forms.DateField(label="Date de l'avis", widget=DateInput())
    verdict = forms.ChoiceField(label="Avis", choices=Verdict.choices)

    def __init__(self, *args, sitting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.filter(
            funder=sitting.body.funder, kind=BodyKind.THEMATIC
        )


class RowsForm(forms.Form):
    """One radio group per row (a member): field `m<pk>`, not required (a member left blank is
    not written). `rows` is the list of (member, extra) shown in the table."""

    choices = ()

    def __init__(self, *args, members, initial_status, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = list(members)
        for member in self.members:
            self.fields[f"m{member.pk}"] = forms.ChoiceField(
                label=member.titled_name,
                choices=self.choices,
                required=False,
                widget=forms.RadioSelect,
                initial=initial_status.get(member.pk, self.default),
            )

    default = ""

    def statuses(self):
        """{member: status} for the rows answered."""
        out = {}
        for member in self.members:
            value = self.cleaned_data.get(f"m{member.pk}")
            if value is not None and (value or self.blank_means_default):
                out[member] = value
        return out

    blank_means_default = False

    def add_member_errors(self, error):
        """A service's errors keyed by member pk → on that member's row."""
        for key, messages in error.message_dict.items():
            name = f"m{key}"
            self.add_error(name if name in self.fields else None, messages)

    def rows(self):
        return [(member, self[f"m{member.pk}"]) for member in self.members]


class AttendanceForm(RowsForm):
    choices = Presence.choices


ITEM_PRESENT = ""


class ItemAttendanceForm(RowsForm):
    choices = [(ITEM_PRESENT, "Présent sur ce point"), *ItemPresence.choices]
    blank_means_default = True


class VoteForm(forms.Form):
    """Per group: for, against, abstention, not taking part (fields `g<pk>-for` …); the
    president's own vote for a tie."""

    KEYS = (("for", "Pour"), ("against", "Contre"), ("abstention", "Abstention"),
            ("not_taking_part", "Ne prend pas part"))  # fmt: skip

    president_vote = forms.ChoiceField(
        label="Vote du président (voix prépondérante en cas de partage)",
        choices=[("", "—"), (Choice.FOR, "Pour"), (Choice.AGAINST, "Contre")],
        required=False,
    )

    def __init__(self, *args, groups, initial_counts, **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = list(groups)  # [(group, voices)]
        for group, _ in self.groups:
            counts = initial_counts.get(group.pk, {})
            for key, label in self.KEYS:
                self.fields[f"g{group.pk}-{key}"] = forms.IntegerField(
                    label=f"{label} — {group}",
                    min_value=0,
                    initial=counts.get(key, 0),
                    widget=forms.NumberInput(attrs={"class": "count", "min": 0}),
                    error_messages={
                        "required": "Indiquez un nombre (0 si aucune voix).",
                        "invalid": "Un nombre entier.",
                        "min_value": "Un nombre positif.",
                    },
                )

    def counts(self):
        return {
            group: {key: self.cleaned_data[f"g{group.pk}-{key}"] for key, _ in self.KEYS}
            for group, _ in self.groups
        }

    def rows(self):
        return [
            (group, voices, [self[f"g{group.pk}-{key}"] for key, _ in self.KEYS])
            for group, voices in self.groups
        ]

    def add_group_errors(self, error):
        """A service's error keyed `group-<pk>` → on that group's "for" field."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error.messages)
            return
        for key, messages in error.message_dict.items():
            name = f"g{key.removeprefix('group-')}-for" if key.startswith("group-") else None
            self.add_error(name if name in self.fields else None, messages)


class DeliberationDraftForm(forms.Form):
    """The act of a voted item. Its body and date are the sitting's, the amount and the
    beneficiary come from the item's records (shown beside the form, never typed)."""

    SIGNATORIES = 2

    number = forms.CharField(
        label="Numéro",
        max_length=20,
        help_text="AAAA-NNN, unique dans l'année, par exemple « 2024-401 ».",
    )
    title = forms.CharField(label="Titre", max_length=500)
    texts = forms.CharField(
        label="« Vu » : textes cités",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Un texte par ligne, par exemple « le Code Général des Collectivités Territoriales ».",
    )
    citations = forms.CharField(
        label="« Vu » : délibérations citées",
        required=False,
        widget=forms.TextInput(attrs={"list": "deliberation-numbers", "autocomplete": "off"}),
        help_text="Leurs numéros, séparés par des virgules, parmi les délibérations enregistrées "
        "(liste ci-dessous).",
    )
    purpose = forms.CharField(
        label="Objet de la subvention",
        max_length=500,
        required=False,
        help_text="Complète l'article d'attribution, par exemple « pour l'année 2025, en soutien "
        "au projet ».",
    )
    authorise = forms.BooleanField(
        label="Autoriser le Président à signer la convention", required=False, initial=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(1, self.SIGNATORIES + 1):
            self.fields[f"signatory_{n}_title"] = forms.CharField(
                label=f"Signataire {n} : qualité", max_length=255, required=False
            )
            self.fields[f"signatory_{n}_name"] = forms.CharField(
                label=f"Signataire {n} : nom", max_length=200, required=False
            )

    def clean(self):
        data = super().clean()
        for n in range(1, self.SIGNATORIES + 1):
            title, name = data.get(f"signatory_{n}_title"), data.get(f"signatory_{n}_name")
            if title and not name:
                self.add_error(f"signatory_{n}_name", "Indiquez le nom de ce signataire.")
            if name and not title:
                self.add_error(f"signatory_{n}_title", "Indiquez la qualité de ce signataire.")
        return data

    def service_arguments(self):
        data = self.cleaned_data
        return {
            "number": data["number"],
            "title": data["title"],
            "texts": split_lines(data["texts"]),
            "cited_numbers": split_numbers(data["citations"]),
            "purpose": data["purpose"],
            "authorise": data["authorise"],
            "signatories": [
                (data[f"signatory_{n}_title"], data[f"signatory_{n}_name"])
                for n in range(1, self.SIGNATORIES + 1)
                if data.get(f"signatory_{n}_title") and data.get(f"signatory_{n}_name")
            ],
        }


def _model_fields(model, names):
    fields = forms.fields_for_model(model, fields=names)
    for field in fields.values():
        field.label = field.label[:1].upper() + field.label[1:]
    return fields


class BodyForm(forms.Form):
    """A body and its rules (CGCT), settings rather than code."""


BodyForm.base_fields = _model_fields(Body, registry.BODY_FIELDS)
BodyForm.base_fields["funder"].label = "Collectivité"


class GroupForm(forms.Form):
    pass


GroupForm.base_fields = _model_fields(PoliticalGroup, ("funder", "name", "position"))
GroupForm.base_fields["funder"].label = "Collectivité"


class MemberForm(forms.Form):
    pass


MemberForm.base_fields = _model_fields(Member, registry.MEMBER_FIELDS)


class MandateForm(forms.Form):
    body = forms.ModelChoiceField(label="Instance", queryset=Body.objects.all())
    starts_on = forms.DateField(label="Début", widget=DateInput())
    ends_on = forms.DateField(label="Fin", widget=DateInput(), required=False)
    deliberative = forms.BooleanField(label="Voix délibérative", required=False, initial=True)
