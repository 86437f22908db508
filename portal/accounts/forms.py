from django.contrib.auth.forms import UserChangeForm, UserCreationForm

from portal.accounts.models import User


class PortalUserCreationForm(UserCreationForm):
    class Meta(UserCreationForm.Meta):
        model = User
        fields = ["username", "email", "full_name"]


class PortalUserChangeForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
