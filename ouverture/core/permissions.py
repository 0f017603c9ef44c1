from django.core.exceptions import PermissionDenied


def require(user, perm, obj=None, message="votre rôle ne le permet pas"):
    """Raise 403 unless the user holds `perm` (a rules permission), on `obj` if given."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied(message)
