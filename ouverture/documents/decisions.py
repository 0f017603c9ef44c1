"""The two documents of the decision chain, made from a deliberation (not an agreement):
the act itself (`deliberation`) and the report to the Commission that proposed it
(`commission-report`). Their content comes from `assemblies.content`; every number printed
is a Figure of `figures()` (presence counts, votes, amounts, the credit table)."""

from decimal import Decimal

from ouverture.assemblies.content import commission_report_content, deliberation_content
from ouverture.assemblies.models import Deliberation
from ouverture.core.formats import format_date
from ouverture.core.indicators import Figure, MeasureRow
from ouverture.documents.base import Document, DocumentError
from ouverture.reports.blocks import Bullets, Heading, Para, TableBlock
from ouverture.reports.tables import Column, Table


def find_deliberation(number):
    """The deliberation of that number, or a DocumentError in French."""
    act = Deliberation.objects.select_related("body").filter(number=(number or "").strip()).first()
    if act is None:
        raise DocumentError(f"Aucune délibération n°« {number} » n'est enregistrée.")
    return act


def _count(code, label, people, definition):
    rows = [MeasureRow(label=p["name"] if isinstance(p, dict) and "name" in p else str(p))
            for p in people]  # fmt: skip
    return Figure(code, label, "", Decimal(len(people)), rows, definition)


def _money(code, label, value, row_label, definition):
    return Figure(code, label, "€", Decimal(value), [MeasureRow(label=row_label)], definition)


def _of(body):
    """ "du Conseil départemental", "de la Commission Permanente"."""
    return f"de la {body}" if body.lower().startswith(("commission", "assemblée")) else f"du {body}"


def _names(people):
    return ", ".join(p["titled"] for p in people) or "néant"


class DeliberationDocument(Document):
    """A document whose parameter is a deliberation; no agreement, no narrative texts."""

    formats = ("docx", "pdf", "html")
    fields = {"header_line", "title", "subtitle"}

    def __init__(self, deliberation, *, today=None):
        self.deliberation = deliberation
        self.agreement = None
        self.today = today

    def checks(self):
        return []

    def figure_url(self, code):
        return ""

    def narrative(self, key, *, links=True):
        return []

    def num(self, code):
        """A count's figure as its bare number ("41")."""
        return self.ref(code, links=False, text=self.all_figures[code].number_text)

    def filename(self, fmt):
        return f"{self.kind}-{self.deliberation.number}.{fmt}"


class DeliberationAct(DeliberationDocument):
    kind = "deliberation"
    label = "Délibération"
    template_file = "deliberation.docx"

    @property
    def content(self):
        if not hasattr(self, "_content"):
            self._content = deliberation_content(self.deliberation)
        return self._content

    def context(self):
        c = self.content
        return {
            "header_line": f"{c['funder']} – {c['body']} – délibération n°{c['number']}",
            "title": f"Délibération n°{c['number']}",
            "subtitle": c["title"],
        }

    def figures(self):
        c, out = self.content, {}
        presence = c["presence"]
        if presence:
            out["presents"] = _count(
                "presents", "Membres présents", presence["present"], "Membres présents à la séance."
            )
            out["excuses"] = _count(
                "excuses",
                "Membres excusés",
                presence["excused"],
                "Membres excusés, avec ou sans pouvoir.",
            )
            out["representes"] = _count(
                "representes",
                "Membres représentés",
                [p["giver"] for p in presence["proxies"]],
                "Membres ayant donné pouvoir.",
            )
        vote = c["vote"]
        if vote:
            for code, key, label in (
                ("pour", "for", "Pour"),
                ("contre", "against", "Contre"),
                ("abstention", "abstention", "Abstention"),
            ):
                rows = [MeasureRow(label=g["group"], detail=str(g[key])) for g in vote["groups"]]
                out[code] = Figure(
                    code,
                    label,
                    "voix",
                    Decimal(vote[key]),
                    rows,
                    f"Somme des voix « {label} » des groupes.",
                )
        for a in c["articles"]:
            if a["amount"] is not None:
                out[f"article_{a['number']}"] = _money(
                    f"article_{a['number']}",
                    f"Montant de l'article {a['number']}",
                    a["amount"],
                    a["beneficiary"],
                    "Montant attribué par l'article.",
                )
        for i, row in enumerate(c["imputation"]):
            out[f"cp_{i}"] = _money(
                f"cp_{i}",
                f"CP {row['operation']}",
                row["cp"],
                row["label"],
                "Crédits de paiement de l'opération.",
            )
            out[f"depense_{i}"] = _money(
                f"depense_{i}",
                f"Dépense {row['operation']}",
                row["expense"],
                row["label"],
                "Montant de la ligne.",
            )
        return out  # fmt: skip

    def blocks(self, *, links=True):
        c = self.content
        out = [Para([f"{c['funder']} — {c['body']}"]),
               Para([f"Réunion du {format_date(c['date'])}" + (f", {c['place']}" if c["place"] else "")])]  # fmt: skip
        p = c["presence"]
        if p:
            if p["president"]:
                out.append(Para([f"Président : {p['president']['titled']}"]))
            if p["secretary"]:
                out.append(Para([f"Secrétaire : {p['secretary']['titled']}"]))
            out += [
                Heading("Présences", 1),
                Para(["Présents (", self.num("presents"), ") : ", _names(p["present"]), "."]),
                Para(["Excusés (", self.num("excuses"), ") : ", _names(p["excused"]), "."]),
            ]
            if p["absent"]:
                out.append(Para([f"Absents : {_names(p['absent'])}."]))
            out.append(Para(["Présents sans voix délibérative : ",
                             _names(p["present_without_vote"]), "."]))  # fmt: skip
            out.append(Para(["Excusés sans voix délibérative : ",
                             _names(p["excused_without_vote"]), "."]))  # fmt: skip
            out.append(Para(["Pouvoirs (", self.num("representes"), ") :"]))
            out.append(Bullets([f"{x['giver']} a donné pouvoir à {x['holder']}"
                                for x in p["proxies"]] or ["néant"]))  # fmt: skip
            # The item's own presence (assemblies.ItemAttendance): who left before it, who
            # did not take part in its vote, the proxies that lapsed with their holder.
            if p.get("left"):
                out.append(Para([f"Sortis avant ce point : {_names(p['left'])}."]))
            if p.get("lapsed"):
                out.append(Para(["Pouvoirs sans effet sur ce point (mandataire sorti) : "
                                 + " ; ".join(f"{x['giver']} à {x['holder']}" for x in p["lapsed"])
                                 + "."]))  # fmt: skip
            if p.get("not_taking_part"):
                out.append(
                    Para([f"Ne prennent pas part au vote : {_names(p['not_taking_part'])}."])
                )
        out.append(Heading(f"Délibération n°{c['number']} – {c['title']}", 1))
        visas = []
        for cit in c["citations"]:
            if cit["number"]:
                visas.append(f"Vu la délibération n°{cit['number']} {_of(cit['body'])} en date du "
                             f"{format_date(cit['date'])} « {cit['title']} » ;")  # fmt: skip
            else:
                visas.append(f"Vu {cit['text']} ;")
        o = c["opinion"]
        if o:
            visas.append(f"Vu l'avis {o['verdict_label'].lower()} de la {o['commission']} "
                         f"rendu le {format_date(o['date'])} ;")  # fmt: skip
        out += [Para([v]) for v in visas]
        out += [Heading("Décide", 1)]
        for a in c["articles"]:
            out += [Heading(f"Article {a['number']}", 2), Para([a["text"]])]
            if a["amount"] is not None:
                out.append(Para(["Montant accordé : ", self.ref(f"article_{a['number']}",
                                                                links=links),
                                 f" à {a['beneficiary']}." if a["beneficiary"] else "."]))  # fmt: skip
            if a["kind"] == "imputation" and c["imputation"]:
                out.append(TableBlock(self.imputation_table()))
        v = c["vote"]
        if v:
            out += [Heading("Vote", 1),
                    Para(["Pour : ", self.ref("pour", links=links),
                          f" ({', '.join(v['groups_for'])})" if v["groups_for"] else "",
                          " Contre : ", self.ref("contre", links=links),
                          f" ({', '.join(v['groups_against'])})" if v["groups_against"] else "",
                          " Abstention : ", self.ref("abstention", links=links),
                          f" ({', '.join(v['groups_abstention'])})" if v["groups_abstention"] else ""]),
                    TableBlock(self.group_table())]  # fmt: skip
        out += [Heading(f"Résultat : {c['result_label']}", 1)]
        if c["signatories"]:
            out += [Heading("Signataires", 1),
                    Bullets([f"{s['title']} : {s['name']}" if s["title"] else s["name"]
                             for s in c["signatories"]])]  # fmt: skip
        return out

    def imputation_table(self):
        table = Table("Imputation", [
            Column("operation", "Opération"), Column("imputation", "Imputation"),
            Column("label", "Libellé"), Column("cp", "CP", "money"),
            Column("expense", "Dépense", "money")])  # fmt: skip
        for i, row in enumerate(self.content["imputation"]):
            table.add(operation=row["operation"], imputation=row["imputation"], label=row["label"],
                      cp=self.all_figures[f"cp_{i}"].value,
                      expense=self.all_figures[f"depense_{i}"].value)  # fmt: skip
        return table

    def group_table(self):
        table = Table("Vote par groupe politique", [
            Column("group", "Groupe"), Column("for", "Pour", "int"),
            Column("against", "Contre", "int"), Column("abstention", "Abstention", "int"),
            Column("not_taking_part", "Ne prend pas part", "int")])  # fmt: skip
        for g in self.content["vote"]["groups"]:
            table.add(**g)
        return table


class CommissionReport(DeliberationDocument):
    kind = "commission-report"
    label = "Rapport à la Commission"
    template_file = "commission-report.docx"

    @property
    def content(self):
        if not hasattr(self, "_content"):
            self._content = commission_report_content(self.deliberation)
        return self._content

    def context(self):
        c = self.content
        return {
            "header_line": f"{c['body']} du {format_date(c['sitting_date'])} – rapport n°{c['report_number']}",
            "title": f"Rapport n°{c['report_number']}",
            "subtitle": c["title"],
        }  # fmt: skip

    def figures(self):
        c = self.content
        out = {"montant": Figure("montant", "Montant proposé", "€", Decimal(c["amount"]),
                                 [MeasureRow(label=g["beneficiary"], detail=str(g["amount"]))
                                  for g in c["grants"]], "Somme des subventions proposées.")}  # fmt: skip
        for i, row in enumerate(c["credit_table"]):
            for key, label in (("cp", "CP"), ("available", "Disponible"),
                               ("proposal", "Proposition"), ("balance", "Solde")):  # fmt: skip
                out[f"{key}_{i}"] = _money(f"{key}_{i}", f"{label} {row['operation']}", row[key],
                                           row["label"], f"{label} de l'opération {row['operation']}.")  # fmt: skip
        return out

    def blocks(self, *, links=True):
        c = self.content
        out = [Para([f"{c['body']} — réunion du {format_date(c['sitting_date'])}"])]
        if c["service"]:
            out.append(Para([f"Direction : {c['service']}"]))
        if c["territory"]:
            out.append(Para([f"Territoire : {c['territory']}"]))
        out.append(Heading(f"Rapport n°{c['report_number']} – {c['title']}", 1))
        if c["context"]:
            out.append(Heading("Contexte", 2))
            out += [Para([p.strip()]) for p in c["context"].split("\n") if p.strip()]
        out.append(Heading("Proposition", 2))
        for g in c["grants"]:
            out.append(Para([f"Subvention à {g['beneficiary']}."]))
        out.append(Para(["Montant total proposé : ", self.ref("montant", links=links), "."]))
        if c["credit_table"]:
            table = Table("Crédits", [
                Column("operation", "Opération"), Column("imputation", "Imputation"),
                Column("label", "Libellé"), Column("cp", "CP", "money"),
                Column("available", "Disponible", "money"),
                Column("proposal", "Proposition", "money"), Column("balance", "Solde", "money")])  # fmt: skip
            for i, row in enumerate(c["credit_table"]):
                table.add(operation=row["operation"], imputation=row["imputation"],
                          label=row["label"],
                          **{k: self.all_figures[f"{k}_{i}"].value
                             for k in ("cp", "available", "proposal", "balance")})  # fmt: skip
            out += [Heading("Incidence financière", 2), TableBlock(table)]
        o = c["opinion"]
        if o:
            out += [Heading("Avis de la commission", 2),
                    Para([f"La {o['commission']} a rendu un avis {o['verdict_label'].lower()} "
                          f"le {format_date(o['date'])}."])]  # fmt: skip
        if c["president"]:
            out.append(Para([f"Le Président du Conseil départemental, {c['president']}"]))
        return out
