"""Field validators with French messages."""

from django.core.exceptions import ValidationError


def luhn_ok(digits):
    """True when the digit string passes the Luhn checksum."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def validate_siret(value):
    """A SIRET is 14 digits and passes the Luhn checksum."""
    compact = (value or "").replace(" ", "")
    if len(compact) != 14 or not compact.isdigit():
        raise ValidationError("Le SIRET doit comporter exactement 14 chiffres.", code="siret")
    # La Poste's establishments use a different checksum (sum of digits divisible by 5).
    if compact.startswith("356000000"):
        if sum(int(c) for c in compact) % 5 == 0:
            return
    elif luhn_ok(compact):
        return
    raise ValidationError("Ce SIRET n'est pas valide (clé de contrôle incorrecte).", code="siret")


def validate_postal_code(value):
    if len(value) != 5 or not value.isdigit():
        raise ValidationError("Le code postal doit comporter 5 chiffres.", code="postal_code")
