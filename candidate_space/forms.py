"""Forms of the candidate space: plain labels, help in plain language, autocomplete hints."""

from django import forms

from core.departments import DEPARTMENTS
from core.enums import ContractType, DocumentKind, Sector
from core.models import Candidate, CvProfile, Document
from core.uploads import ALLOWED_LABEL

ACCEPT = ".pdf,.doc,.docx,.odt,.jpg,.jpeg,.png"


class ProfileForm(forms.ModelForm):
    """What a candidate may change about themselves; the rest is shown read-only."""

    first_name = forms.CharField(
        label="Prénom",
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    phone = forms.CharField(
        label="Téléphone",
        max_length=30,
        required=False,
        help_text="Exemple : 06 62 08 15 60",
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )

    class Meta:
        model = Candidate
        fields = [
            "secondary_email",
            "nationality",
            "training",
            "diploma",
            "diploma_year",
            "looking_for_internship",
            "project",
        ]
        labels = {
            "secondary_email": "Autre adresse email",
            "looking_for_internship": "Je recherche un stage",
            "project": "Mon projet professionnel",
        }
        help_texts = {
            "secondary_email": "Facultatif. Par exemple votre adresse personnelle.",
            "training": "La formation que vous suivez.",
            "project": "Le métier ou le domaine qui vous intéresse.",
        }
        widgets = {
            "secondary_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "nationality": forms.TextInput(attrs={"autocomplete": "country-name"}),
            "training": forms.TextInput(attrs={"autocomplete": "off"}),
            "diploma": forms.TextInput(attrs={"autocomplete": "off"}),
            "diploma_year": forms.NumberInput(attrs={"autocomplete": "off"}),
            "project": forms.Textarea(attrs={"rows": 4, "autocomplete": "off"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].initial = self.instance.user.first_name
        self.fields["phone"].initial = self.instance.user.phone
        self.order_fields(["first_name", "phone"])


class DocumentUploadForm(forms.Form):
    kind = forms.ChoiceField(label="Type de document", choices=DocumentKind.choices)
    title = forms.CharField(
        label="Titre",
        max_length=200,
        help_text="Par exemple : « CV 2026 » ou « Lettre pour la mairie ».",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    file = forms.FileField(
        label="Fichier",
        help_text=f"Formats acceptés : {ALLOWED_LABEL}. 10 Mo au maximum.",
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
    )


class DocumentEditForm(forms.Form):
    title = forms.CharField(
        label="Titre", max_length=200, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    file = forms.FileField(
        label="Remplacer le fichier",
        required=False,
        help_text=f"Facultatif. Formats acceptés : {ALLOWED_LABEL}. 10 Mo au maximum.",
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
    )


class CvForm(forms.ModelForm):
    class Meta:
        model = CvProfile
        fields = ["headline", "education", "experience", "skills", "languages", "interests"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 4, "autocomplete": "off"})
            for name in ["education", "experience", "skills", "languages", "interests"]
        } | {"headline": forms.TextInput(attrs={"autocomplete": "off"})}


class CoverLetterForm(forms.Form):
    company_name = forms.CharField(
        label="Entreprise destinataire",
        max_length=200,
        required=False,
        help_text="Facultatif.",
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    body = forms.CharField(
        label="Texte de la lettre",
        help_text="Écrivez un paragraphe par ligne : qui vous êtes, pourquoi ce poste vous "
        "intéresse, ce que vous pouvez apporter.",
        widget=forms.Textarea(attrs={"rows": 10, "autocomplete": "off"}),
    )


class ApplyForm(forms.Form):
    cv = forms.ModelChoiceField(label="Mon CV", queryset=Document.objects.none())
    cover_letter = forms.ModelChoiceField(
        label="Ma lettre de motivation", queryset=Document.objects.none()
    )
    message = forms.CharField(
        label="Message pour l'employeur",
        initial="Bonjour,\n\nVoici mes documents de candidature.\n\nCordialement",
        widget=forms.Textarea(attrs={"rows": 6, "autocomplete": "off"}),
    )
    help_requested = forms.BooleanField(
        label="Je souhaite l'aide de mon référent",
        required=False,
        help_text="Votre référent relira votre candidature et l'enverra à l'employeur.",
    )

    def __init__(self, *args, candidate, **kwargs):
        super().__init__(*args, **kwargs)
        documents = Document.objects.filter(candidate=candidate)
        self.fields["cv"].queryset = documents.usable_as(DocumentKind.CV)
        self.fields["cover_letter"].queryset = documents.usable_as(DocumentKind.COVER_LETTER)
        self.fields["cv"].empty_label = "— Choisissez un CV —"
        self.fields["cover_letter"].empty_label = "— Choisissez une lettre —"


class SponsorshipForm(forms.Form):
    message = forms.CharField(
        label="Message pour l'entreprise",
        help_text="Expliquez pourquoi vous aimeriez être accompagné(e) par un parrain.",
        widget=forms.Textarea(attrs={"rows": 5, "autocomplete": "off"}),
    )
    help_requested = forms.BooleanField(label="Je souhaite l'aide de mon référent", required=False)


class FollowupForm(forms.Form):
    body = forms.CharField(
        label="Votre message",
        help_text="Votre référent le lira. L'employeur ne le voit pas.",
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off"}),
    )


class OfferSearchForm(forms.Form):
    departement = forms.ChoiceField(
        label="Département", required=False, choices=[("", "Tous")] + DEPARTMENTS
    )
    code_postal = forms.CharField(label="Code postal", required=False, max_length=5)
    offre = forms.CharField(label="Offre", required=False, help_text="Un mot de l'intitulé.")
    employeur = forms.CharField(label="Employeur", required=False)
    reference = forms.CharField(label="Référence", required=False)
    secteur = forms.ChoiceField(
        label="Secteur d'activité", required=False, choices=[("", "Tous")] + Sector.choices
    )
    contrat = forms.ChoiceField(
        label="Type de contrat", required=False, choices=[("", "Tous")] + ContractType.choices
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("autocomplete", "off")
        self.fields["code_postal"].widget.attrs["autocomplete"] = "postal-code"

    # French field name → JobOffer.objects.search() criterion (the staff filters use it too).
    CRITERIA = {
        "departement": "department",
        "code_postal": "postal_code",
        "offre": "title",
        "employeur": "employer",
        "reference": "reference",
        "secteur": "sector",
        "contrat": "contract_type",
    }

    def filter(self, queryset):
        """The offers matching the filled-in fields."""
        if not self.is_valid():
            return queryset
        return queryset.search(
            **{criterion: self.cleaned_data.get(name) for name, criterion in self.CRITERIA.items()}
        )
