"""A user's one-shot pandas script: the coaching recap of a year from a CSV of contacts.

    python bench/pandas_recap.py contacts.csv 2023 recap.csv

The CSV has one row per contact: organisation;project_types;channel;date;minutes
(project types joined by "/", minutes empty for an e-mail without duration). The output
has one row per organisation, as the platform's recap: project types, channels, sessions
(phone, video and in-person meetings), minutes. Run by `bench.coaching` beside
`ouverture recap --year 2023` on the same contacts (not part of the product).
"""

import sys

import pandas as pd

MEETINGS = ["phone", "video", "in_person"]

path, year, output = sys.argv[1], sys.argv[2], sys.argv[3]
contacts = pd.read_csv(path, sep=";", dtype={"minutes": "float64"}, keep_default_na=False,
                       na_values={"minutes": [""]})  # fmt: skip
contacts = contacts[contacts["date"].str.startswith(year)]
contacts["session"] = contacts["channel"].isin(MEETINGS)
by_organisation = contacts.groupby("organisation").agg(
    sessions=("session", "sum"), minutes=("minutes", "sum")
)
channels = pd.crosstab(contacts["organisation"], contacts["channel"])
labels = pd.Index([f"{c}, " for c in channels.columns])
by_organisation["channels"] = channels.gt(0).dot(labels).str.rstrip(", ")
types = (
    contacts[["organisation", "project_types"]]
    .drop_duplicates()
    .assign(project_types=lambda d: d["project_types"].str.split("/"))
    .explode("project_types")
    .drop_duplicates()
    .groupby("organisation")["project_types"]
    .agg(lambda s: " / ".join(sorted(t for t in s if t)))
)
by_organisation["project_types"] = types
by_organisation["minutes"] = by_organisation["minutes"].astype("int64")
by_organisation.sort_index().to_csv(output, sep=";")
print(len(by_organisation), int(by_organisation["sessions"].sum()),
      int(by_organisation["minutes"].sum()))  # fmt: skip
