from django.urls import path

from ouverture.assemblies import act_views as acts
from ouverture.assemblies import registry_views as registry
from ouverture.assemblies import secretariat_views as secretariat
from ouverture.assemblies import views

app_name = "assemblies"

# The sittings' paths come first: `<str:number>/` would otherwise take "seances".
urlpatterns = [
    path("seances/", views.sitting_list, name="sittings"),
    path("seances/nouvelle/", secretariat.sitting_create, name="sitting_create"),
    path("seances/<int:pk>/", views.sitting_detail, name="sitting"),
    path("seances/<int:pk>/modifier/", secretariat.sitting_update, name="sitting_update"),
    path("seances/<int:pk>/presences/", secretariat.attendance, name="attendance"),
    path("seances/<int:pk>/pouvoirs/", secretariat.proxies, name="proxies"),
    path(
        "seances/<int:pk>/pouvoirs/<int:proxy_pk>/retirer/",
        secretariat.proxy_withdraw,
        name="proxy_withdraw",
    ),
    path("seances/<int:pk>/points/nouveau/", secretariat.item_create, name="item_create"),
    path(
        "seances/<int:pk>/points/<int:item_pk>/modifier/",
        secretariat.item_update,
        name="item_update",
    ),
    path(
        "seances/<int:pk>/points/<int:item_pk>/presences/",
        secretariat.item_attendance,
        name="item_attendance",
    ),
    path("seances/<int:pk>/points/<int:item_pk>/vote/", secretariat.item_vote, name="item_vote"),
    path(
        "seances/<int:pk>/points/<int:item_pk>/avis/", secretariat.item_opinion, name="item_opinion"
    ),
    path(
        "seances/<int:pk>/points/<int:item_pk>/deliberation/",
        acts.deliberation_draft,
        name="deliberation_draft",
    ),
    path("instances/", registry.bodies, name="bodies"),
    path("instances/nouvelle/", registry.body_create, name="body_create"),
    path("instances/<int:body_pk>/", registry.body_detail, name="body"),
    path("instances/groupes/nouveau/", registry.group_create, name="group_create"),
    path("instances/elus/nouveau/", registry.member_create, name="member_create"),
    path("instances/elus/<int:member_pk>/", registry.member_detail, name="member"),
    path("", views.deliberation_list, name="deliberations"),
    path("<str:number>/", views.deliberation_detail, name="deliberation"),
    path("<str:number>/adoption/", acts.deliberation_adopt, name="deliberation_adopt"),
]
