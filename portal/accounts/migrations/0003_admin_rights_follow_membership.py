"""Re-derive every user's staff and superuser flags from the admin membership.

Before this, a demoted admin kept both flags (the sync ran only for the admin role). The rule is
written out here rather than imported, so a later change of the models cannot alter this migration.
"""

from django.db import migrations


def derive_flags(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    Membership = apps.get_model("accounts", "Membership")
    admins = Membership.objects.filter(role="admin", user__is_active=True).values("user_id")
    User.objects.filter(pk__in=admins).update(is_staff=True, is_superuser=True)
    User.objects.exclude(pk__in=admins).update(is_staff=False, is_superuser=False)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_opd_public_catalogue")]

    operations = [migrations.RunPython(derive_flags, migrations.RunPython.noop)]
