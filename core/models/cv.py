"""The CV builder's structured sections, saved as the candidate goes."""

from django.db import models


class CvProfileQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A candidate's own CV sections, and the staff who follow them."""
        from core.models import Candidate

        return self.filter(candidate__in=Candidate.objects.visible_to(user))


class CvProfile(models.Model):
    candidate = models.OneToOneField(
        "core.Candidate", on_delete=models.CASCADE, related_name="cv_profile"
    )
    headline = models.CharField(
        "titre du CV",
        max_length=150,
        blank=True,
        help_text="Par exemple : « Étudiante en BTS comptabilité, recherche un stage ».",
    )
    education = models.TextField(
        "formation", blank=True, help_text="Une formation par ligne : année, diplôme, école."
    )
    experience = models.TextField(
        "expériences", blank=True, help_text="Une expérience par ligne : dates, poste, lieu."
    )
    skills = models.TextField("compétences", blank=True, help_text="Une compétence par ligne.")
    languages = models.TextField(
        "langues", blank=True, help_text="Une langue par ligne, avec votre niveau."
    )
    interests = models.TextField("centres d'intérêt", blank=True)
    updated_at = models.DateTimeField("enregistré le", auto_now=True)

    objects = CvProfileQuerySet.as_manager()

    class Meta:
        verbose_name = "CV (sections)"
        verbose_name_plural = "CV (sections)"

    def __str__(self):
        return f"CV de {self.candidate}"

    SECTIONS = ("education", "experience", "skills", "languages", "interests")

    def lines(self, name):
        """The non-empty lines of a section."""
        return [line.strip() for line in getattr(self, name).splitlines() if line.strip()]
