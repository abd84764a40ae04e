"""Demo data: every screen meaningful at first run. Idempotent: a second run creates nothing."""

import random
from datetime import date, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from core.enums import (
    ContractType,
    DocumentKind,
    EstablishmentKind,
    OfferState,
    Role,
    Rqth,
    Sector,
)
from core.models import Candidate, Company, CompanyContact, Document, Establishment, JobOffer, User
from core.validators import luhn_ok

DEMO_PASSWORD = "atouts-demo-2026"
PLACES = [
    ("75", "75011", "Paris"),
    ("75", "75013", "Paris"),
    ("92", "92100", "Boulogne-Billancourt"),
    ("92", "92400", "Courbevoie"),
    ("93", "93200", "Saint-Denis"),
    ("94", "94000", "Créteil"),
    ("91", "91000", "Évry-Courcouronnes"),
    ("91", "91190", "Gif-sur-Yvette"),
    ("78", "78000", "Versailles"),
    ("95", "95000", "Cergy"),
    ("77", "77000", "Melun"),
    ("69", "69003", "Lyon"),
    ("31", "31000", "Toulouse"),
    ("59", "59000", "Lille"),
]
COMPANY_NAMES = [
    "X",
    "Y",
    "Capgemini",
    "Orange",
    "SNCF Voyageurs",
    "BNP Paribas",
    "Crédit Agricole IDF",
    "Thales",
    "Safran",
    "Decathlon",
    "Carrefour",
    "EDF",
    "L'Oréal",
    "AP-HP",
    "Ville de Paris",
    "Airbus",
    "Sodexo",
    "La Poste Groupe",
    "Accor",
    "Dassault Systèmes",
]
TITLES = [
    "Assistant(e) ressources humaines",
    "Développeur(se) web",
    "Chargé(e) de communication",
    "Technicien(ne) support informatique",
    "Assistant(e) comptable",
    "Conseiller(ère) de vente",
    "Gestionnaire administratif(ve)",
    "Data analyst",
    "Assistant(e) marketing",
    "Agent(e) d'accueil",
    "Chargé(e) de projet",
    "Juriste junior",
    "Technicien(ne) de maintenance",
    "Assistant(e) logistique",
    "Infirmier(ère)",
]


def make_siret(rng):
    while True:
        digits = "".join(str(rng.randint(0, 9)) for _ in range(13))
        for last in "0123456789":
            if luhn_ok(digits + last) and not (digits + last).startswith("356000000"):
                return digits + last


def pdf_bytes(title):
    text = title.encode("latin-1", "replace")
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R"
        b"/Resources<</Font<</F1 5 0 R>>>>>>endobj\n"
        b"4 0 obj<</Length 60>>stream\nBT /F1 18 Tf 72 770 Td (" + text + b") Tj ET\nendstream"
        b" endobj\n5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


class Command(BaseCommand):
    help = "Charge les données de démonstration (idempotent)."

    def handle(self, *args, **options):
        if User.objects.filter(email="admin@demo.test").exists():
            self.stdout.write("Données de démonstration déjà présentes : rien à créer.")
            return
        # Demo emails stay in memory: the console would drown the server's output.
        with (
            override_settings(
                MAILERS={"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
            ),
            transaction.atomic(),
        ):
            self.seed()
        self.stdout.write(self.style.SUCCESS("Données de démonstration chargées."))
        if not settings.DEBUG:
            self.stdout.write(
                "DEBUG est désactivé : les comptes de démonstration n'ont pas de mot de passe."
            )

    def account(self, email, role, last, first, **extra):
        user = User(email=email, role=role, last_name=last, first_name=first, **extra)
        if settings.DEBUG:
            user.set_password(DEMO_PASSWORD)
        else:
            user.set_unusable_password()
        user.save()
        return user

    def seed(self):
        from workflows import applications as app_flows
        from workflows import sponsorships as sp_flows

        rng = random.Random(2026)
        now = timezone.now()
        a = Establishment.objects.create(
            name="Université Paris-Saclay",
            kind=EstablishmentKind.UNIVERSITY,
            department="91",
            city="Gif-sur-Yvette",
        )
        b = Establishment.objects.create(
            name="Académie de Versailles",
            kind=EstablishmentKind.ACADEMIE,
            department="78",
            city="Versailles",
        )
        admin = self.account(
            "admin@demo.test", Role.ADMIN, "Martin", "Claire", function="Administratrice"
        )
        self.account(
            "cdm.a@demo.test",
            Role.CHARGE_DE_MISSION,
            "Bernard",
            "Sophie",
            establishment=a,
            function="Chargée de mission handicap",
            phone="0169150000",
        )
        self.account(
            "cdm.b@demo.test",
            Role.CHARGE_DE_MISSION,
            "Petit",
            "Julien",
            establishment=b,
            function="Chargé de mission insertion",
        )
        ra1 = self.account(
            "referent.a1@demo.test",
            Role.REFERENT,
            "Dubois",
            "Nadia",
            establishment=a,
            function="Référente handicap",
            phone="0169151111",
        )
        ra2 = self.account(
            "referent.a2@demo.test",
            Role.REFERENT,
            "Moreau",
            "Thomas",
            establishment=a,
            function="Conseiller en insertion professionnelle",
        )
        rb1 = self.account(
            "referent.b1@demo.test",
            Role.REFERENT,
            "Laurent",
            "Amina",
            establishment=b,
            function="Référente handicap",
            phone="0139230000",
        )

        companies = []
        sectors = list(Sector)
        for index, name in enumerate(COMPANY_NAMES):
            dept, postal, city = PLACES[index % len(PLACES)]
            company = Company.objects.create(
                name=name,
                siret=make_siret(rng),
                sector=sectors[index % len(sectors)],
                description=f"{name} est partenaire de la convention Atouts pour tous et "
                "recrute des jeunes en situation de handicap.",
                website=f"https://www.{name.lower().replace(' ', '-').replace("'", '')}.example",
                address=f"{index + 1} rue de la République",
                postal_code=postal,
                city=city,
            )
            CompanyContact.objects.create(
                company=company,
                name=f"Mission handicap {name}",
                function="Référente mission handicap",
                email=f"handicap@{name.lower().replace(' ', '').replace("'", '')}.example",
            )
            companies.append(company)
        x, y = companies[0], companies[1]
        self.account(
            "employeur.x@demo.test",
            Role.EMPLOYER,
            "Garcia",
            "Hugo",
            company=x,
            function="Chargé de recrutement",
        )
        self.account(
            "employeur.y@demo.test",
            Role.EMPLOYER,
            "Roux",
            "Léa",
            company=y,
            function="Responsable mission handicap",
        )

        contracts = list(ContractType)
        offers = []
        for index in range(300):
            company = companies[index % len(companies)]
            dept, postal, city = PLACES[rng.randrange(len(PLACES))]
            state = (
                OfferState.DRAFT
                if index % 23 == 0
                else OfferState.CLOSED
                if index % 17 == 0
                else OfferState.PUBLISHED
            )
            published = now - timedelta(days=rng.randint(0, 120))
            offer = JobOffer(
                company=company,
                title=TITLES[index % len(TITLES)],
                reference=f"{company.name[:3].upper()}-{index:04d}",
                description="Au sein d'une équipe bienveillante, vous participerez aux missions "
                "du service. Poste ouvert aux personnes en situation de handicap ; "
                "aménagements possibles.",
                contract_type=contracts[index % len(contracts)],
                sector=company.sector,
                department=dept,
                postal_code=postal,
                city=city,
                start_date=date.today() + timedelta(days=rng.randint(15, 120)),
                duration=rng.choice(["6 mois", "12 mois", "24 mois", ""]),
                is_generic=index % 11 == 0,
                state=state,
                published_at=None if state == OfferState.DRAFT else published,
                expires_at=None if state != OfferState.PUBLISHED else now + timedelta(days=90),
            )
            offer._history_user = admin
            offer.save()
            offers.append(offer)
        x_offers = [o for o in offers if o.company == x and o.state == OfferState.PUBLISHED]
        y_offers = [o for o in offers if o.company == y and o.state == OfferState.PUBLISHED]

        def candidate(email, last, first, est, referents, autonomous, birth, **extra):
            user = self.account(email, Role.CANDIDATE, last, first, establishment=est)
            dossier = Candidate(user=user, birth_date=birth, is_autonomous=autonomous, **extra)
            dossier.full_clean(exclude=["user", "referents"])
            dossier.save()
            dossier.referents.set(referents)
            for kind, title in (
                (DocumentKind.CV, f"CV {first} {last}"),
                (DocumentKind.COVER_LETTER, f"Lettre de motivation {first} {last}"),
            ):
                doc = Document(
                    candidate=dossier,
                    kind=kind,
                    title=title,
                    original_name=f"{title}.pdf",
                    content_type="application/pdf",
                    uploaded_by=user,
                )
                content = pdf_bytes(title)
                doc.size = len(content)
                doc.file.save(f"{title}.pdf", ContentFile(content), save=False)
                doc.save()
            return dossier

        today = date.today()
        a1 = candidate(
            "candidat.a1@demo.test",
            "Durand",
            "Emilie",
            a,
            [ra1],
            True,
            date(today.year - 21, 12, 1),
            training="Licence de lettres",
            diploma="Bac",
            diploma_year=today.year - 3,
            rqth=Rqth.PENDING,
            project="Je souhaiterais être enseignante en lettres.",
            looking_for_internship=True,
        )
        a2 = candidate(
            "candidat.a2@demo.test",
            "Lefèvre",
            "Noah",
            a,
            [ra2],
            False,
            date(today.year - 16, 3, 14),
            training="Bac professionnel commerce",
            rqth=Rqth.YES,
            family_contact_name="Lefèvre Isabelle",
            family_contact_relationship="Mère",
            family_contact_phone="0611223344",
            project="Travailler dans la vente.",
        )
        b1 = candidate(
            "candidat.b1@demo.test",
            "Nguyen",
            "Linh",
            b,
            [rb1],
            False,
            date(today.year - 19, 6, 2),
            training="BTS SIO",
            rqth=Rqth.NO,
            project="Technicien support informatique.",
        )
        extra = []
        for index, (first, last) in enumerate(
            [("Yanis", "Bouaziz"), ("Chloé", "Fontaine"), ("Inès", "Mercier"), ("Lucas", "Girard")]
        ):
            extra.append(
                candidate(
                    f"candidat.a{index + 3}@demo.test",
                    last,
                    first,
                    a,
                    [ra1, ra2] if index % 2 else [ra1],
                    index % 2 == 0,
                    date(today.year - 20 - index, 1 + index, 10),
                    training="Master",
                    rqth=[Rqth.YES, Rqth.NO, Rqth.PENDING, ""][index],
                )
            )

        def docs(c):
            return {d.kind: d for d in c.documents.all()}

        def apply(
            c,
            offer=None,
            company=None,
            help=False,
            message="Bonjour,\n\nVoici mes documents de candidature.\n\nCordialement",
        ):
            d = docs(c)
            return app_flows.submit(
                user=c.user,
                candidate=c,
                message=message,
                cv=d[DocumentKind.CV],
                cover_letter=d[DocumentKind.COVER_LETTER],
                offer=offer,
                company=company,
                help_requested=help,
            )

        employer_x = User.objects.get(email="employeur.x@demo.test")
        employer_y = User.objects.get(email="employeur.y@demo.test")
        # a2 (not autonomous): one awaiting, one sent, one in review, one retained, one rejected.
        pending = apply(a2, offer=x_offers[0])
        app_flows.post_followup(
            pending, user=a2.user, body="J'ai des difficultés pour rédiger ma lettre de motivation."
        )
        app_flows.add_private_note(pending, user=ra2, body="À revoir ensemble jeudi.")
        for offer, steps in (
            (x_offers[1], ["validate"]),
            (x_offers[2], ["validate", "take_in_charge"]),
            (x_offers[3], ["validate", "take_in_charge", "retain"]),
        ):
            app = apply(a2, offer=offer)
            for step in steps:
                actor = ra2 if step == "validate" else employer_x
                getattr(app_flows, step)(app, user=actor)
        rejected = apply(a2, company=y)
        app_flows.validate(rejected, user=ra2)
        app_flows.reject(rejected, user=employer_y, reason="Profil ne correspondant pas au poste.")
        # a1 (autonomous): straight to the employer, and one with help requested.
        apply(a1, offer=x_offers[4])
        apply(a1, offer=y_offers[0], help=True)
        withdrawn = apply(a1, company=x)
        app_flows.withdraw(withdrawn, user=a1.user, reason="J'ai trouvé un stage.")
        apply(b1, offer=y_offers[1])
        for c in extra:
            apply(c, offer=rng.choice(x_offers + y_offers))

        # Sponsorship requests in every state.
        sp_pending = sp_flows.submit(
            user=a2.user,
            candidate=a2,
            company=x,
            message="J'aimerais avoir un parrain pour m'accompagner dans mon projet professionnel.",
        )
        app_flows.post_followup(sp_pending, user=ra2, body="Je regarde ta demande cette semaine.")
        sent = sp_flows.submit(
            user=a1.user,
            candidate=a1,
            company=x,
            message="Je cherche un parrain dans l'enseignement.",
        )
        sp_flows.accept(
            sent,
            user=employer_x,
            sponsor_name="Paul Henry",
            sponsor_function="Responsable formation",
            sponsor_email="paul.henry@x.example",
        )
        declined = sp_flows.submit(user=a1.user, candidate=a1, company=y, message="Parrainage ?")
        sp_flows.decline(declined, user=employer_y, reason="Aucun parrain disponible ce trimestre.")
        sp_flows.submit(user=b1.user, candidate=b1, company=y, message="Je souhaite un parrain.")
        to_company = sp_flows.submit(
            user=extra[0].user, candidate=extra[0], company=y, message="Un parrain m'aiderait."
        )
        sp_flows.withdraw(to_company, user=extra[0].user)
