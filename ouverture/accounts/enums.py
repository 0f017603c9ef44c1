from django.db import models


class Role(models.TextChoices):
    NETWORK_STAFF = "network_staff", "Chargé·e de mission (réseau)"
    COORDINATOR = "coordinator", "Coordinateur·rice (réseau)"
    FINANCE_MANAGER = "finance_manager", "Responsable administratif·ve et financier·e (réseau)"
    FUNDER_OFFICER = "funder_officer", "Agent du Département (financeur)"
    PROJECT_HOLDER = "project_holder", "Porteur de projet"
    ADMINISTRATOR = "administrator", "Administrateur·rice"


NETWORK_ROLES = {Role.NETWORK_STAFF, Role.COORDINATOR, Role.FINANCE_MANAGER}
