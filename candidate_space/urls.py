from django.urls import path

from candidate_space import views

urlpatterns = [
    path("", views.home, name="home"),
]
