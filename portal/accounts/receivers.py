"""Signal receivers of the accounts app (connected in AccountsConfig.ready)."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from portal.accounts.models import Membership, sync_admin_rights


@receiver(post_save, sender=Membership, dispatch_uid="accounts_membership_saved")
@receiver(post_delete, sender=Membership, dispatch_uid="accounts_membership_deleted")
def _membership_changed(sender, instance, **kwargs):
    # Signals rather than Membership.save/delete: queryset deletes and cascades send them too.
    sync_admin_rights(instance.user_id)
    previous_user_id = getattr(instance, "_previous_user_id", None)
    if previous_user_id not in (None, instance.user_id):
        sync_admin_rights(previous_user_id)  # the membership was moved to another user


@receiver(pre_save, sender=Membership, dispatch_uid="accounts_membership_before_save")
def _remember_previous_user(sender, instance, **kwargs):
    if instance.pk:
        instance._previous_user_id = Membership.objects.filter(pk=instance.pk).values_list("user_id", flat=True).first()
