from django.core.management.base import BaseCommand

from workflows.emails import retry_pending


class Command(BaseCommand):
    help = "Réessaie l'envoi des emails en attente."

    def handle(self, *args, **options):
        self.stdout.write(f"{retry_pending()} email(s) envoyé(s).")
