from django.core.management.base import BaseCommand

from workflows.offers import close_expired


class Command(BaseCommand):
    help = "Clôture les offres dont la date d'expiration est passée (à lancer chaque jour)."

    def handle(self, *args, **options):
        self.stdout.write(f"{close_expired()} offre(s) clôturée(s).")
