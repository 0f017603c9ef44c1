app_name = "twinnings"
urlpatterns = []
