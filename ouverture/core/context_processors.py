from ouverture.core.navigation import menu_for


def platform(request):
    user = getattr(request, "user", None)
    return {"menu": menu_for(user) if user and user.is_authenticated else []}
