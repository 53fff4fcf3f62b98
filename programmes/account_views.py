"""Login, password reset and accepting an invitation: Django's auth views with Tandem's forms."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Gebruikersnaam of e-mailadres"),
        max_length=254,
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "username", "autocapitalize": "none"}
        ),
    )
    error_messages = {
        "invalid_login": _(
            "Deze combinatie van gebruikersnaam en wachtwoord is niet juist. "
            "Let op hoofdletters in het wachtwoord."
        ),
        "inactive": _("Deze account is niet actief."),
    }


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


class InvitationAcceptView(auth_views.PasswordResetConfirmView):
    """The link in an invitation: the invitee chooses a password (same token as a password reset)."""

    template_name = "registration/invitation_accept.html"
    form_class = SetPasswordForm
    success_url = reverse_lazy("login")
    reset_url_token = "uitnodiging"  # noqa: S105 – a URL segment, not a secret

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Uw wachtwoord is ingesteld. U kunt zich nu aanmelden."))
        return response


class ResetRequestView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
