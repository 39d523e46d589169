"""Forms to register, log in, and change the password."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, Regexp, ValidationError

from planner.web import services
from planner.web.fields import BaseForm

EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


def Email() -> Regexp:  # noqa: N802 - reads like the WTForms validator it stands for
    """An e-mail address in its plain shape (something@somewhere.tld)."""
    return Regexp(EMAIL, message=_l("Write an e-mail address like navn@eksempel.no."))


class RegisterForm(BaseForm):
    name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=120)],
                       description=_l("The name others in your projects will see."))
    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Email(), Length(max=254)],
                       description=_l("You log in with this address."))
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(min=10, max=200)],
                             description=_l("At least 10 characters."))
    confirm = PasswordField(_l("Repeat the password"),
                            validators=[DataRequired(), EqualTo("password", _l("The passwords differ."))])

    def validate_email(self, field: EmailField) -> None:
        if self.email.errors or not isinstance(field.data, str):
            return
        if services.find_user(field.data) is not None:
            raise ValidationError(_l("This address already has an account. Log in instead."))


class LoginForm(BaseForm):
    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Email(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])


class PasswordChangeForm(BaseForm):
    current = PasswordField(_l("Your password now"), validators=[DataRequired(), Length(max=200)])
    password = PasswordField(_l("New password"), validators=[DataRequired(), Length(min=10, max=200)],
                             description=_l("At least 10 characters. Every other session ends."))
    confirm = PasswordField(_l("Repeat the new password"),
                            validators=[DataRequired(), EqualTo("password", _l("The passwords differ."))])
