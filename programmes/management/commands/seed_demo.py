from django.core.management.base import BaseCommand, CommandError

from programmes import demo


class Command(BaseCommand):
    help = "Bouwt idempotent de demo: twee lokale besturen, hun gebruikers en trajecten (wachtwoord: demo)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="Vermenigvuldigt de gegevens voor metingen.")

    def handle(self, *args, scale: int, **options):
        if scale < 1:
            raise CommandError("--scale moet minstens 1 zijn.")
        demo.seed(scale=scale)
        self.stdout.write(
            self.style.SUCCESS(
                "Demo klaar. Accounts (wachtwoord 'demo'): consultant.a, directeur.a, raad.a, "
                "consultant.b, directeur.b, raad.b, admin."
            )
        )
