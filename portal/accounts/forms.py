from allauth.account.forms import LoginForm
from django.contrib.auth.forms import UserChangeForm, UserCreationForm
from django.utils.translation import gettext_lazy

from portal.accounts.models import User


class PortalUserCreationForm(UserCreationForm):
    class Meta(UserCreationForm.Meta):
        model = User
        fields = ["username", "email", "full_name"]


class PortalUserChangeForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User


class PortalLoginForm(LoginForm):
    """allauth's sign-in; its field takes a username or an e-mail address, and its label says so (allauth
    labels it "Login", which Indonesian renders as "Masuk", the name of the button)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = gettext_lazy("Username or email")
