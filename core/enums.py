"""Choices shared by models, forms and screens (French labels, English codes)."""

from django.db import models


class Role(models.TextChoices):
    ADMIN = "admin", "Administrateur"
    CHARGE_DE_MISSION = "charge_de_mission", "Chargé de mission"
    REFERENT = "referent", "Référent établissement"
    EMPLOYER = "employer", "Employeur"
    CANDIDATE = "candidate", "Candidat"


STAFF_ROLES = (Role.ADMIN, Role.CHARGE_DE_MISSION, Role.REFERENT)
ESTABLISHMENT_ROLES = (Role.CHARGE_DE_MISSION, Role.REFERENT, Role.CANDIDATE)


class EstablishmentKind(models.TextChoices):
    UNIVERSITY = "universite", "Université"
    SCHOOL = "ecole", "École"
    ACADEMIE = "academie", "Académie"
    HIGH_SCHOOL = "lycee", "Lycée"
    CFA = "cfa", "CFA"
    OTHER = "autre", "Autre"


class Rqth(models.TextChoices):
    YES = "oui", "Oui"
    NO = "non", "Non"
    PENDING = "en_cours", "Demande en cours"


class DocumentKind(models.TextChoices):
    CV = "cv", "CV"
    COVER_LETTER = "cover_letter", "Lettre de motivation"
    OTHER = "other", "Autre"


class ContractType(models.TextChoices):
    INTERNSHIP = "stage", "Stage"
    APPRENTICESHIP = "apprentissage", "Alternance — apprentissage"
    PROFESSIONALISATION = "professionnalisation", "Alternance — professionnalisation"
    CDD = "cdd", "CDD"
    CDI = "cdi", "CDI"
    TEMPORARY = "interim", "Intérim"
    STUDENT_JOB = "job_etudiant", "Job étudiant"


class Sector(models.TextChoices):
    AGRICULTURE = "agriculture", "Agriculture, environnement"
    BANKING = "banque", "Banque, assurance, finance"
    CONSTRUCTION = "btp", "Bâtiment, travaux publics"
    RETAIL = "commerce", "Commerce, distribution"
    COMMUNICATION = "communication", "Communication, médias"
    CULTURE = "culture", "Culture, arts, spectacle"
    EDUCATION = "education", "Éducation, formation"
    ENERGY = "energie", "Énergie"
    HOSPITALITY = "hotellerie", "Hôtellerie, restauration, tourisme"
    INDUSTRY = "industrie", "Industrie"
    IT = "informatique", "Informatique, numérique"
    LEGAL = "juridique", "Juridique"
    LOGISTICS = "logistique", "Transport, logistique"
    PUBLIC = "public", "Fonction publique"
    HEALTH = "sante", "Santé, social"
    SERVICES = "services", "Services aux entreprises"


class OfferState(models.TextChoices):
    DRAFT = "draft", "Brouillon"
    PUBLISHED = "published", "Publiée"
    CLOSED = "closed", "Clôturée"


class ApplicationKind(models.TextChoices):
    OFFER = "offer", "Candidature à une offre"
    SPONTANEOUS = "spontaneous", "Candidature spontanée"


class ApplicationState(models.TextChoices):
    AWAITING_VALIDATION = "awaiting_validation", "En attente de validation par le référent"
    SENT = "sent", "Validée par le référent — envoyée au recruteur"
    IN_REVIEW = "in_review", "Prise en charge par le recruteur"
    RETAINED = "retained", "Retenue"
    REJECTED = "rejected", "Non retenue"
    WITHDRAWN = "withdrawn", "Retirée par le candidat"


class SponsorshipState(models.TextChoices):
    AWAITING_VALIDATION = "awaiting_validation", "À valider par le référent"
    SENT = "sent", "Validée"
    ACCEPTED = "accepted", "Acceptée — parrain désigné"
    DECLINED = "declined", "Déclinée"
    WITHDRAWN = "withdrawn", "Retirée par le candidat"


class EventKind(models.TextChoices):
    ACCOUNT_CREATED = "account_created", "Compte créé"
    CANDIDATE_CREATED = "candidate_created", "Candidat créé"
    CANDIDATES_IMPORTED = "candidates_imported", "Candidats importés"
    APPLICATION_SUBMITTED = "application_submitted", "Candidature déposée"
    APPLICATION_AWAITING = "application_awaiting", "Candidature en attente de validation"
    APPLICATION_SENT = "application_sent", "Candidature envoyée au recruteur"
    APPLICATION_EDITED = "application_edited", "Candidature modifiée"
    APPLICATION_IN_REVIEW = "application_in_review", "Candidature prise en charge"
    APPLICATION_RETAINED = "application_retained", "Candidature retenue"
    APPLICATION_REJECTED = "application_rejected", "Candidature non retenue"
    APPLICATION_WITHDRAWN = "application_withdrawn", "Candidature retirée"
    APPLICATION_DELETED = "application_deleted", "Candidature supprimée"
    FOLLOWUP_POSTED = "followup_posted", "Message de suivi"
    SPONSORSHIP_AWAITING = "sponsorship_awaiting", "Demande de parrainage à valider"
    SPONSORSHIP_SENT = "sponsorship_sent", "Demande de parrainage envoyée"
    SPONSORSHIP_ACCEPTED = "sponsorship_accepted", "Parrainage accepté"
    SPONSORSHIP_DECLINED = "sponsorship_declined", "Parrainage décliné"
    SPONSORSHIP_WITHDRAWN = "sponsorship_withdrawn", "Demande de parrainage retirée"
    SPONSORSHIP_DELETED = "sponsorship_deleted", "Demande de parrainage supprimée"


class EmailStatus(models.TextChoices):
    PENDING = "pending", "En attente"
    SENT = "sent", "Envoyé"
    FAILED = "failed", "Échec définitif"
