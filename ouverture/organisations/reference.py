from ouverture.organisations.enums import ProjectTypeCode


def ensure_project_types(sender=None, using="default", **kwargs):
    from ouverture.organisations.models import ProjectType

    for order, (code, label) in enumerate(ProjectTypeCode.choices):
        ProjectType.objects.using(using).update_or_create(
            code=code, defaults={"label": label, "order": order}
        )
