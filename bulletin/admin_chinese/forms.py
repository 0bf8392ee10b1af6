from django.contrib.auth.forms import AuthenticationForm
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    """Wagtail's login form with its password field labelled.

    Wagtail redeclares the field without a label, so Django names it after the field, "Password",
    in English whatever the language; Django's own login form has the translated label.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = AuthenticationForm.base_fields["password"].label
