"""Admin viewsets of the site package: the outgoing-mail listing, and moderated models.

Staff see every e-mail the site sent or tried to send, filtered by status, so
that mail that failed for good (after every retry) does not go unnoticed. The
listing is read-only and never shows bodies: an account mail carries a sign-in
or password-reset link, which no one but its recipient may read.

``ModeratedViewSet`` is the admin of any ``Moderated`` model (members, posts,
and what the learning app's members will submit): the listing with filters and
a formula-safe export, and the approve / reject pages.
"""

from functools import partial

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import ListingButton
from wagtail.permission_policies import ModelPermissionPolicy

from website.choices import Status
from website.forms import RejectForm, concept_field
from website.importing.parsing import neutralise
from website.models import OutgoingMail
from website.models.moderation import ModerationConflict


class ViewOnlyPermissionPolicy(ModelPermissionPolicy):
    """The site writes these rows, never a person: who may view them may only view them."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return super().users_with_any_permission([]).none()
        return super().users_with_any_permission(["view"])


class OutgoingMailViewSet(ModelViewSet):
    model = OutgoingMail
    icon = "mail"
    menu_label = _("Outgoing mail")
    menu_order = 800
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["status"]  # never offered: the permission policy allows viewing only
    list_filter = ["status", "kind"]
    search_fields = ["subject", "to"]
    search_backend_name = None
    list_display = [
        "subject",
        Column("recipients", label=_("To")),
        Column("kind", label=_("Kind"), accessor="get_kind_display"),
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("attempts", label=_("Attempts")),
        Column("last_error", label=_("Last error")),
        DateColumn("created_at", label=_("Created")),
        DateColumn("sent_at", label=_("Sent")),
    ]
    inspect_view_fields = [
        "subject", "to", "reply_to", "kind", "language", "status", "attempts", "last_error",
        "next_attempt_at", "created_at", "sent_at",
    ]


outgoing_mail_viewset = OutgoingMailViewSet("outgoing_mail")


# -- moderated models -----------------------------------------------------------------------


class SafeExportIndexView(IndexView):
    """CSV export whose cells never start like a spreadsheet formula (=, +, -, @)."""

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: neutralise(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )


class ModeratedIndexView(SafeExportIndexView):
    """The listing, with an "Approve" and a "Reject" button on each row that waits for them."""

    moderate_url_names = {}
    moderate_permission = "change"

    def get_list_buttons(self, instance):
        buttons = super().get_list_buttons(instance)
        if not self.user_has_permission_for_instance(self.moderate_permission, instance):
            return buttons
        edit = instance.has_pending_changes
        for action, label, shown in (
            ("approve", _("Approve changes") if edit else _("Approve"), can_approve(instance)),
            ("reject", _("Reject changes") if edit else _("Reject"), can_reject(instance)),
        ):
            if shown:
                buttons.insert(0, ListingButton(
                    label, url=reverse(self.moderate_url_names[action], args=[quote(instance.pk)]),
                    classname="no" if action == "reject" else "",
                    attrs={"aria-label": f"{label}: {instance}"}, priority=5,
                ))
        return buttons


def can_approve(obj):
    return obj.status != Status.APPROVED or obj.has_pending_changes


def can_reject(obj):
    return obj.status != Status.REJECTED


class ModerationFilterSet(WagtailFilterSet):
    """Adds "waiting for a decision" (new items, or approved ones with changes) to a listing."""

    moderation = django_filters.ChoiceFilter(
        label=_("Moderation"), method="filter_moderation", empty_label=_("All"),
        widget=forms.RadioSelect,
        choices=[("waiting", _("Waiting for a decision")), ("new", _("New, not yet approved")),
                 ("changes", _("Approved, changes waiting"))],
    )

    def filter_moderation(self, queryset, name, value):
        return {
            "waiting": queryset.awaiting_moderation,
            "new": queryset.new_pending,
            "changes": queryset.with_pending_changes,
        }[value]()


class ConceptFilter(django_filters.ChoiceFilter):
    """A taxonomy filter with one choice per concept (slug), named in the editor's language."""

    def __init__(self, *args, term_model=None, **kwargs):
        kwargs.setdefault("empty_label", _("All"))
        # Read when the form is built (in the editor's language), not at import.
        super().__init__(*args, choices=partial(concept_choices, term_model), **kwargs)

    def filter(self, queryset, value):
        return super().filter(queryset, value).distinct() if value else queryset


def concept_choices(term_model):
    key = concept_field(term_model)
    return [(getattr(term, key), str(term)) for term in term_model.objects.in_active_locale()]


class ModerateView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Approve or reject (with a reason the member reads) one item, or its waiting edit.

    The page shows what the editor decides on: for an approved item's edit, each
    changed field with its public and its proposed value. The decision names the
    submission the editor saw; if the member changed it meanwhile nothing is
    decided and the page shows the new state.
    """

    permission_required = "change"
    template_name = "website/admin/moderate.html"
    model = None
    action = "approve"
    decide = None  # the viewset's approve / reject
    index_url_name = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(self.model, pk=unquote(str(kwargs["pk"])))

    def get_page_title(self):
        edit = self.object.has_pending_changes
        if self.action == "approve":
            return _("Approve changes") if edit else _("Approve")
        return _("Reject changes") if edit else _("Reject")

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name),
             "label": capfirst(self.model._meta.verbose_name_plural)},
            {"url": "", "label": self.get_page_title(), "sublabel": str(self.object)},
        ]

    def get_form(self):
        if self.action != "reject":
            return None
        return RejectForm(self.request.POST if self.request.method == "POST" else None)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            object=self.object, action=self.action, changes=self.object.pending_diff(),
            index_url=reverse(self.index_url_name), form=kwargs.get("form") or self.get_form(),
        )
        return context

    def dispatch(self, request, *args, **kwargs):
        if not self.user_has_permission_for_instance(self.permission_required, self.object):
            raise PermissionDenied
        allowed = can_approve if self.action == "approve" else can_reject
        if not allowed(self.object):
            messages.info(request, _("There is nothing to decide on “%(object)s” (status: "
                                     "%(status)s).") % {"object": self.object,
                                                        "status": self.object.moderation_label})
            return redirect(self.index_url_name)
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form is not None and not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        reason = form.cleaned_data["reason"] if form is not None else ""
        seen = request.POST.get("seen")
        try:
            args = (self.object, reason) if self.action == "reject" else (self.object,)
            edit = self.decide(*args, seen=seen)
        except ModerationConflict:
            self.object.refresh_from_db()
            messages.warning(request, _(
                "The member changed “%(object)s” after you opened this page. Check it again "
                "before you decide.") % {"object": self.object})
            return self.render_to_response(self.get_context_data())
        done = {
            ("approve", False): _("“%(object)s” is approved."),
            ("approve", True): _("The changes to “%(object)s” are approved and public."),
            ("reject", False): _("“%(object)s” is rejected."),
            ("reject", True): _("The changes to “%(object)s” are rejected; the approved "
                                "version stays public."),
        }[self.action, bool(edit)]
        messages.success(request, done % {"object": self.object})
        return redirect(self.index_url_name)


class ModeratedViewSet(ModelViewSet):
    """A listing of a ``Moderated`` model with approve / reject views and a safe export.

    Subclasses decide what else a decision does (mail, search index) by
    overriding ``approve`` and ``reject``. Deciding needs the "change"
    permission of the model, asked of its permission policy as the action
    ``moderate_permission``. A model whose items nobody may edit in the admin
    (consultation comments: the members' words) names an action of its own,
    which its policy grants to holders of "change" while refusing the edit form.
    """

    index_view_class = ModeratedIndexView
    moderate_view_class = ModerateView
    filterset_class = ModerationFilterSet
    search_backend_name = None  # the database: these models are not in Wagtail's index
    copy_view_enabled = False
    inspect_view_enabled = True
    list_select_related = ()
    moderate_permission = "change"

    # Decisions are taken on their own pages (they mail the member), never in the form.
    decision_fields = ("status", "rejection_reason", "approved_at")
    exclude_form_fields = ()

    def get_edit_handler(self):
        """The model's fields as Wagtail panels (so admin widgets and term pickers apply)."""
        if hasattr(self, "panels") or hasattr(self.model, "panels"):
            return super().get_edit_handler()
        exclude = {*self.decision_fields, *self.exclude_form_fields}
        fields = [*self.model._meta.concrete_fields, *self.model._meta.many_to_many]
        panels = [FieldPanel(field.name) for field in fields
                  if field.editable and not field.auto_created and field.name not in exclude]
        return ObjectList(panels).bind_to_model(self.model)

    def approve(self, obj, seen=None):
        return obj.approve(seen)

    def reject(self, obj, reason, seen=None):
        return obj.reject(reason, seen)

    def get_index_view_kwargs(self, **kwargs):
        queryset = self.model._default_manager.select_related(*self.list_select_related)
        return super().get_index_view_kwargs(
            queryset=queryset,
            moderate_url_names={a: self.get_url_name(a) for a in ("approve", "reject")},
            moderate_permission=self.moderate_permission,
            **kwargs,
        )

    def moderate_view(self, action):
        return self.construct_view(
            self.moderate_view_class, action=action, decide=getattr(self, action),
            permission_required=self.moderate_permission,
        )

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path(f"{action}/<str:pk>/", self.moderate_view(action), name=action)
            for action in ("approve", "reject")
        ]
