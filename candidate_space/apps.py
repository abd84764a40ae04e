from django.apps import AppConfig


class CandidateSpaceConfig(AppConfig):
    name = "candidate_space"
    verbose_name = "Espace candidat"
