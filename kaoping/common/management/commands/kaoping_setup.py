"""Bring a database to a working state: migrate, presets, demo data on first start, an administrator.

Idempotent: running it again changes nothing that exists; the administrator's password is printed only
when the account is created.
"""

from __future__ import annotations

import secrets

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from kaoping.accounts.models import RoleAssignment, User
from kaoping.accounts.roles import Role
from kaoping.common.db import refresh_statistics


class Command(BaseCommand):
    help = "Migrate, load presets and demo data (first start only), create the administrator."

    def add_arguments(self, parser):
        parser.add_argument("--no-demo", action="store_true", help="Do not load demo data.")
        parser.add_argument("--admin", default="admin", help="Administrator username (default: admin).")

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        from kaoping.annual.demo import load_annual_demo
        from kaoping.assessment.demo import load_assessment_demo
        from kaoping.attendance.demo import load_attendance_demo
        from kaoping.ballots.demo import load_ballots_demo
        from kaoping.marking.demo import load_marking_demo
        from kaoping.org.demo import load_demo_with_accounts, load_presets
        from kaoping.positions.demo import load_positions_demo
        from kaoping.selection.demo import load_selection_demo

        with transaction.atomic():
            load_presets()
        if not options["no_demo"]:
            created, accounts = load_demo_with_accounts()
            load_positions_demo()
            load_ballots_demo()
            load_marking_demo()
            load_selection_demo()
            load_assessment_demo()
            load_attendance_demo()
            load_annual_demo()
            if created:
                refresh_statistics()
                self.stdout.write(f"Demo data loaded: {created} people.")
            if accounts:
                self.stdout.write("Demo accounts created (shown only this once):")
                for username, role, secret in accounts:
                    self.stdout.write(f"  {username} — {role} — demo password {secret}")
        self._ensure_admin(options["admin"])

    def _ensure_admin(self, username: str) -> None:
        if User.objects.filter(username=username).exists():
            return
        password = secrets.token_urlsafe(12)
        with transaction.atomic():
            user = User.objects.create_superuser(
                username=username, password=password, display_name="系统管理员"
            )
            RoleAssignment.objects.create(user=user, role=Role.SYSADMIN)
        bar = "=" * 60
        self.stdout.write(
            f"{bar}\nAdministrator created (shown only this once):\n  username: {username}\n"
            f"  password: {password}\n{bar}"
        )
