"""Explicit lists of the per-app modules that core walks: source-data loaders and
dashboard panels. A listed module that does not exist yet is skipped."""

import importlib

# Loaded in this order by `ouverture load_source_data`; each has load(actor, log).
# Surveys before events: the events loader attaches the 2 March 2023 questionnaire.
SOURCE_DATA_LOADERS = [
    "ouverture.organisations.seed",
    "ouverture.coaching.seed",
    "ouverture.agreements.seed",
    "ouverture.agreements.seed_2023",
    "ouverture.surveys.seed",
    "ouverture.events.seed",
    "ouverture.pathways.seed",
    "ouverture.twinnings.seed",
    "ouverture.liaison.seed",
]

# Each has panels(request) -> list of {"template": ..., "context": {...}} for the dashboard.
DASHBOARD_PANELS = [
    "ouverture.coaching.dashboard",
    "ouverture.agreements.dashboard",
    "ouverture.events.dashboard",
    "ouverture.pathways.dashboard",
    "ouverture.twinnings.dashboard",
]


def load_modules(names):
    modules = []
    for name in names:
        try:
            modules.append(importlib.import_module(name))
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
    return modules
