"""Factories, with one preset per role and per application state."""

import random
from datetime import date

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from core.enums import (
    ApplicationKind,
    ApplicationState,
    ContractType,
    DocumentKind,
    OfferState,
    Role,
    Sector,
    SponsorshipState,
)
from core.management.commands.seed_demo import make_siret, pdf_bytes
from core.models import (
    Application,
    Candidate,
    Company,
    Document,
    Establishment,
    JobOffer,
    SponsorshipRequest,
    User,
)

PASSWORD = "un-mot-de-passe-solide-42"
_rng = random.Random(7)


class EstablishmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Establishment

    name = factory.Sequence(lambda n: f"Établissement {n}")
    department = "91"
    city = "Évry"


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"Entreprise {n}")
    siret = factory.LazyFunction(lambda: make_siret(_rng))
    sector = Sector.IT


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.test")
    last_name = factory.Sequence(lambda n: f"Nom{n}")
    first_name = "Prénom"
    role = Role.REFERENT
    establishment = factory.SubFactory(EstablishmentFactory)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()

    class Params:
        admin = factory.Trait(role=Role.ADMIN, establishment=None)
        cdm = factory.Trait(role=Role.CHARGE_DE_MISSION)
        referent = factory.Trait(role=Role.REFERENT)
        employer = factory.Trait(
            role=Role.EMPLOYER, establishment=None, company=factory.SubFactory(CompanyFactory)
        )


class CandidateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Candidate
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory, role=Role.CANDIDATE)
    birth_date = date(2000, 5, 17)
    is_autonomous = False

    @factory.post_generation
    def referents(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.referents.set(extracted)


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    candidate = factory.SubFactory(CandidateFactory)
    kind = DocumentKind.CV
    title = factory.Sequence(lambda n: f"Document {n}")
    file = factory.LazyAttribute(lambda o: ContentFile(pdf_bytes(o.title), name="doc.pdf"))
    original_name = "doc.pdf"
    content_type = "application/pdf"
    size = 300


class JobOfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobOffer

    company = factory.SubFactory(CompanyFactory)
    title = factory.Sequence(lambda n: f"Offre {n}")
    reference = factory.Sequence(lambda n: f"REF-{n:05d}")
    description = "Description"
    contract_type = ContractType.INTERNSHIP
    sector = Sector.IT
    department = "75"
    postal_code = "75011"
    city = "Paris"
    state = OfferState.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class ApplicationFactory(factory.django.DjangoModelFactory):
    """An application in a given state (presets: awaiting, sent, in_review, ...)."""

    class Meta:
        model = Application

    candidate = factory.SubFactory(CandidateFactory)
    offer = factory.SubFactory(JobOfferFactory)
    company = factory.LazyAttribute(lambda o: o.offer.company)
    kind = ApplicationKind.OFFER
    message = "Bonjour, voici ma candidature."
    cv = factory.LazyAttribute(lambda o: DocumentFactory(candidate=o.candidate, kind="cv"))
    cover_letter = factory.LazyAttribute(
        lambda o: DocumentFactory(candidate=o.candidate, kind="cover_letter")
    )
    state = ApplicationState.AWAITING_VALIDATION

    class Params:
        sent = factory.Trait(
            state=ApplicationState.SENT, sent_at=factory.LazyFunction(timezone.now)
        )
        in_review = factory.Trait(
            state=ApplicationState.IN_REVIEW, sent_at=factory.LazyFunction(timezone.now)
        )
        retained = factory.Trait(
            state=ApplicationState.RETAINED,
            sent_at=factory.LazyFunction(timezone.now),
            decided_at=factory.LazyFunction(timezone.now),
        )
        rejected = factory.Trait(
            state=ApplicationState.REJECTED,
            sent_at=factory.LazyFunction(timezone.now),
            decided_at=factory.LazyFunction(timezone.now),
        )
        withdrawn = factory.Trait(state=ApplicationState.WITHDRAWN)


class SponsorshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SponsorshipRequest

    candidate = factory.SubFactory(CandidateFactory)
    company = factory.SubFactory(CompanyFactory)
    message = "J'aimerais avoir un parrain."
    state = SponsorshipState.AWAITING_VALIDATION

    class Params:
        sent = factory.Trait(
            state=SponsorshipState.SENT, sent_at=factory.LazyFunction(timezone.now)
        )
