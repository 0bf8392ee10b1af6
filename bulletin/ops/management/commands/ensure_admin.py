"""Create the first admin login if the site has none, and say how to log in.

The generated password is kept in a file readable only by its owner, so running the demo
again can repeat it instead of leaving the user locked out.
"""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create an admin user if no superuser exists, then print the admin URL and login."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--url", default="http://127.0.0.1:8000/admin/", help="where the admin is served")
        parser.add_argument(
            "--password-file",
            type=Path,
            default=settings.BASE_DIR / "var" / "admin-password.txt",
            help="where the generated password is kept (owner-only)",
        )

    def handle(self, *, username, url, password_file, **options):
        User = get_user_model()
        admin = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
        if admin is None:
            password = secrets.token_urlsafe(12)
            admin = User.objects.create_superuser(username=username, email="", password=password)
            password_file.parent.mkdir(parents=True, exist_ok=True)
            password_file.touch(mode=0o600)
            password_file.write_text(f"{admin.get_username()}\n{password}\n")
            self.stdout.write(self.style.SUCCESS(f"Created the admin user {admin.get_username()!r}."))
        else:
            password = self.saved_password(password_file, admin)

        self.stdout.write(f"Admin:    {url}")
        self.stdout.write(f"Username: {admin.get_username()}")
        if password:
            self.stdout.write(f"Password: {password}")
        else:
            self.stdout.write(
                f"Password: the one you set (reset it with: manage.py changepassword {admin.get_username()})"
            )

    def saved_password(self, password_file, admin):
        """The password this command generated earlier, if it still logs that admin in."""
        try:
            saved_username, password = password_file.read_text().split()
        except (OSError, ValueError):
            return None
        if saved_username == admin.get_username() and admin.check_password(password):
            return password
        return None
