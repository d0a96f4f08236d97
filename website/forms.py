"""Admin pickers for the shared taxonomy: one choice per concept, in the editor's language.

Each term exists once per language (translatable snippets), so Django's default
pickers list every theme three times. A concept is what the rest of the site
goes by: the slug (a country's ISO code) its translations share, unique per
language. These fields offer one choice per concept: the concept's row in the target
language, else in the default language, else its first row. The target is the
language of the object edited (pages and translatable snippets, pinned by
``TaxonomyFormMixin``), or the editor's language for objects that have none
(members, offers, groups: everything reads their terms by slug). Labels are the
names in the editor's language.

A link to another language's row (a translation copied before the links were
translated) shows as its concept's choice and is saved as the target row.
``register_term_fields`` makes every Wagtail admin form use these fields.

``RejectForm`` asks an editor why a member's submission is refused.

``AdminLoginForm`` is the Wagtail admin's login, throttled like the members' login
(``website.login_throttle``).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.admin.forms.auth import LoginForm
from wagtail.models import Locale

from website import login_throttle


def is_term_model(model):
    from website.models.taxonomy import Country, TaxonomyTerm

    return isinstance(model, type) and issubclass(model, TaxonomyTerm | Country)


def concept_field(model):
    """The field naming a term's concept in every language: ``slug``, or a country's ``code``."""
    return getattr(model, "concept_field", "slug")


def representatives(queryset, target_id, default_id):
    """The one row per concept the pickers offer, as a lazy queryset (see the module)."""
    key = concept_field(queryset.model)
    same = queryset.model._default_manager.filter(**{key: OuterRef(key)})
    in_target = Exists(same.filter(locale_id=target_id))
    in_default = Exists(same.filter(locale_id=default_id))
    first = Subquery(same.order_by("pk").values("pk")[:1])
    return queryset.filter(
        Q(locale_id=target_id)
        | (~in_target & Q(locale_id=default_id))
        | (~in_target & ~in_default & Q(pk=first))
    )


class TermChoiceIterator(ModelChoiceIterator):
    """The concepts in the model's order of the editor's names, labelled in that language."""

    def __init__(self, field):
        self.field = field  # the queryset is read when iterated: the target may change first

    @property
    def queryset(self):
        return self.field.queryset

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        concepts = self.field.concepts()
        for row in sorted(self.queryset, key=lambda row: concepts["position"][row.pk]):
            yield self.choice(row)


class TermFieldMixin:
    iterator = TermChoiceIterator
    locale_id = None  # the target language; None: the editor's

    def locale_ids(self):
        active, default = Locale.get_active().pk, Locale.get_default().pk
        return (self.locale_id or active), default, active

    @property
    def queryset(self):
        if self._queryset is None:
            return None
        target, default, _active = self.locale_ids()
        return representatives(self._queryset, target, default)

    @queryset.setter
    def queryset(self, queryset):
        forms.ModelChoiceField.queryset.fset(self, queryset)

    def __deepcopy__(self, memo):
        result = super(forms.ChoiceField, self).__deepcopy__(memo)
        result.queryset = self._queryset
        result._concepts = None
        return result

    def concepts(self):
        """Labels, positions and the row each concept is saved as; read once per form."""
        target, default, active = self.locale_ids()
        cached = getattr(self, "_concepts", None)
        if cached and cached["for"] == (target, active):
            return cached["value"]
        model = self._queryset.model
        key = concept_field(model)
        rows = list(model._default_manager.all())  # a few hundred at most
        by_key = {}
        for row in rows:
            by_key.setdefault(getattr(row, key), {})[row.locale_id] = row
        order = {row.pk: number for number, row in enumerate(rows)}
        value = {"label": {}, "position": {}, "saved_as": {}}
        for group in by_key.values():
            first = min(group.values(), key=lambda row: row.pk)
            chosen = group.get(target) or group.get(default) or first
            shown = group.get(active) or chosen
            value["label"][chosen.pk] = str(shown)
            value["position"][chosen.pk] = order[shown.pk]
            for row in group.values():
                value["saved_as"][str(row.pk)] = chosen.pk
        self._concepts = {"for": (target, active), "value": value}
        return value

    def label_from_instance(self, obj):
        return self.concepts()["label"].get(obj.pk, str(obj))

    def representative(self, value):
        if value in (None, ""):
            return value
        return self.concepts()["saved_as"].get(str(value), value)


class TermChoiceField(TermFieldMixin, forms.ModelChoiceField):
    def prepare_value(self, value):
        return self.representative(super().prepare_value(value))


class TermMultipleChoiceField(TermFieldMixin, forms.ModelMultipleChoiceField):
    def prepare_value(self, value):
        prepared = super().prepare_value(value)
        if isinstance(prepared, list | tuple):
            return [self.representative(item) for item in prepared]
        return self.representative(prepared)


class TaxonomyFormMixin:
    """Pins the taxonomy pickers to the language of the page or snippet being edited."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale_id = getattr(self.instance, "locale_id", None)
        for field in self.fields.values():
            if isinstance(field, TermFieldMixin):
                field.locale_id = locale_id


class TaxonomyPageForm(TaxonomyFormMixin, WagtailAdminPageForm):
    pass


class TaxonomyAdminForm(TaxonomyFormMixin, WagtailAdminModelForm):
    pass


def register_term_fields():
    """Every foreign key and many-to-many to a taxonomy term gets the fields above."""
    from wagtail.admin.forms.models import register_form_field_override

    from website.models.taxonomy import Country, TaxonomyTerm

    for model in (TaxonomyTerm, Country):
        register_form_field_override(
            models.ForeignKey, to=model, override={"form_class": TermChoiceField})
    register_form_field_override(
        models.ManyToManyField,
        override=lambda db_field: (
            {"form_class": TermMultipleChoiceField}
            if is_term_model(db_field.related_model) else {}
        ),
    )


class AdminLoginForm(LoginForm):
    """``/admin/login/``: refuses an account's attempts while ``login_throttle`` says so."""

    error_messages = {
        **LoginForm.error_messages,
        "throttled": _("Too many failed sign-in attempts. Please try again later."),
    }

    def clean(self):
        username = self.cleaned_data.get("username")
        if username and login_throttle.throttled_scope(self.request, username):
            raise ValidationError(self.error_messages["throttled"], code="throttled")
        return super().clean()


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Reason (sent to the member)"), widget=forms.Textarea)
