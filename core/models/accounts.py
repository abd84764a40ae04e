"""User accounts: one role per account, the email is the login."""

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import _user_has_module_perms, _user_has_perm
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core import rules as perms
from core.enums import ESTABLISHMENT_ROLES, STAFF_ROLES, Role


class UserQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Accounts the user may see in the account screens (not the directory)."""
        if perms.is_admin(user):
            return self
        if perms.is_charge_de_mission(user):
            return self.filter(
                establishment_id=user.establishment_id,
                role__in=[Role.CHARGE_DE_MISSION, Role.REFERENT, Role.CANDIDATE],
            )
        if perms.is_employer(user):
            return self.filter(company_id=user.company_id, role=Role.EMPLOYER)
        if user.is_authenticated:
            return self.filter(pk=user.pk)
        return self.none()

    def referents_of(self, establishment_id):
        """Active référents (and chargés de mission) who can follow a candidate of it."""
        return self.filter(
            establishment_id=establishment_id,
            role__in=[Role.REFERENT, Role.CHARGE_DE_MISSION],
            is_active=True,
        )

    def referents_visible_to(self, user):
        """The référents a user may pick or filter by: all for the admin, else their
        establishment's."""
        qs = self.filter(role__in=[Role.REFERENT, Role.CHARGE_DE_MISSION], is_active=True)
        if perms.is_admin(user):
            return qs.select_related("establishment")
        return qs.filter(establishment_id=user.establishment_id)

    def recruiters_of(self, company_id):
        """The active employer accounts of a company (who receive its applications)."""
        return self.filter(company_id=company_id, role=Role.EMPLOYER, is_active=True)

    def directory(self):
        """Référents and chargés de mission listed in the "Référents établissements" directory."""
        return self.filter(
            role__in=[Role.REFERENT, Role.CHARGE_DE_MISSION], is_active=True
        ).select_related("establishment")


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True

    @classmethod
    def normalize_email(cls, email):
        """Lower-case the whole address: the login is case-insensitive."""
        return (email or "").strip().lower()

    def get_by_natural_key(self, username):
        """Find an account by email, whatever its case."""
        return self.get(email=self.normalize_email(username))

    def create_user(self, email, password=None, **fields):
        """Create an account; without a password it waits for its invitation."""
        user = self.model(email=self.normalize_email(email), **fields)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        """Create a platform administrator (``createsuperuser``)."""
        fields.setdefault("role", Role.ADMIN)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser):
    email = models.EmailField("adresse email", unique=True)
    first_name = models.CharField("prénom", max_length=150, blank=True)
    last_name = models.CharField("nom", max_length=150)
    phone = models.CharField("téléphone", max_length=30, blank=True)
    function = models.CharField("fonction", max_length=150, blank=True)
    role = models.CharField("rôle", max_length=20, choices=Role.choices)
    establishment = models.ForeignKey(
        "core.Establishment",
        verbose_name="établissement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    company = models.ForeignKey(
        "core.Company",
        verbose_name="entreprise",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recruiters",
    )
    is_active = models.BooleanField(
        "actif",
        default=True,
        help_text="Un compte désactivé ne peut plus se connecter. Les comptes ne sont jamais "
        "supprimés.",
    )
    date_joined = models.DateTimeField("créé le", default=timezone.now)
    invited_at = models.DateTimeField("invitation envoyée le", null=True, blank=True)
    created_by = models.ForeignKey(
        "self",
        verbose_name="créé par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords(excluded_fields=["password", "last_login"])
    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["last_name"]

    class Meta:
        verbose_name = "compte"
        verbose_name_plural = "comptes"
        ordering = ["last_name", "first_name", "pk"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
            models.CheckConstraint(
                name="user_establishment_matches_role",
                condition=(
                    Q(role__in=ESTABLISHMENT_ROLES, establishment__isnull=False)
                    | (~Q(role__in=ESTABLISHMENT_ROLES) & Q(establishment__isnull=True))
                ),
            ),
            models.CheckConstraint(
                name="user_company_matches_role",
                condition=(
                    Q(role=Role.EMPLOYER, company__isnull=False)
                    | (~Q(role=Role.EMPLOYER) & Q(company__isnull=True))
                ),
            ),
        ]

    def __str__(self):
        return self.full_name or self.email

    def clean(self):
        """Normalise the email (the login is case-insensitive); an establishment for
        establishment roles, a company for employers, neither otherwise (see constraints)."""
        from django.core.exceptions import ValidationError

        self.email = User.objects.normalize_email(self.email)
        if self.role not in ESTABLISHMENT_ROLES:
            self.establishment = None
        if self.role != Role.EMPLOYER:
            self.company = None
        errors = {}
        if self.role in ESTABLISHMENT_ROLES and self.establishment_id is None:
            errors["establishment"] = "L'établissement est obligatoire pour ce rôle."
        if self.role == Role.EMPLOYER and self.company_id is None:
            errors["company"] = "L'entreprise est obligatoire pour un employeur."
        if errors:
            raise ValidationError(errors)

    @property
    def full_name(self):
        """ "NOM Prénom", the way the platform writes people."""
        return f"{self.last_name.upper()} {self.first_name}".strip()

    @property
    def is_staff(self):
        # Django's admin and a few libraries read this flag; it follows the role.
        return self.is_active and self.role in STAFF_ROLES

    @property
    def is_superuser(self):
        # Nobody bypasses the rules, not even the administrator: every right is a predicate.
        return False

    def has_perm(self, perm, obj=None):
        """Ask the rules (and only them): see core/rules.py."""
        return self.is_active and _user_has_perm(self, perm, obj)

    def has_perms(self, perm_list, obj=None):
        return all(self.has_perm(perm, obj) for perm in perm_list)

    def has_module_perms(self, app_label):
        return self.is_active and _user_has_module_perms(self, app_label)

    def get_all_permissions(self, obj=None):
        return set()
