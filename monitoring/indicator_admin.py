"""Admin screens of the indicators: the indicators (translatable snippets) and reported figures.

A figure is reported against an indicator without a computed metric; its
reporter edits it while it is a draft or returned and submits it; another
editor, or a moderator, approves or returns it (``monitoring.figures``).
The permission policy offers "change" only on figures still editable, so a
submitted or approved figure cannot be rewritten behind its approver's back.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.widgets import ListingButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from monitoring import figures
from monitoring.choices import FigureStatus
from monitoring.models import Indicator, ReportedFigure


class FigurePermissionPolicy(ModelPermissionPolicy):
    def user_has_permission_for_instance(self, user, action, instance):
        if action in ("change", "delete") and instance.status not in figures.EDITABLE:
            return False
        return super().user_has_permission_for_instance(user, action, instance)


def reported_indicators():
    """Indicators staff report (no computed metric), in the default language."""
    return Indicator.objects.filter(locale__language_code=settings.LANGUAGE_CODE, metric="")


class ReportedFigureForm(WagtailAdminModelForm):
    indicator = forms.ModelChoiceField(queryset=Indicator.objects.none(),
                                       label=gettext_lazy("Indicator"))

    class Meta:
        model = ReportedFigure
        fields = ["period", "value", "evidence_note", "evidence_link", "evidence_document"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.fields["indicator"].queryset = reported_indicators()
        if self.instance.indicator_key:
            self.initial["indicator"] = self.instance.indicator
        self.order_fields(["indicator"])

    def clean(self):
        data = super().clean()
        if not self.instance._state.adding and self.instance.status not in figures.EDITABLE:
            raise ValidationError(_("A submitted or approved figure cannot be changed."))
        indicator, period = data.get("indicator"), data.get("period")
        if indicator and period and not indicator.targets.filter(period=period).exists():
            self.add_error("period", _("This indicator has no target for %(period)s.")
                           % {"period": period})
        return data

    def save(self, commit=True):
        self.instance.indicator_key = self.cleaned_data["indicator"].translation_key
        if self.instance._state.adding and self.for_user is not None:
            self.instance.created_by = self.for_user
        return super().save(commit)


class ReturnForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason (shown to the reporter)"),
                             widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


def step(request, pk, action, index_url):
    figure = get_object_or_404(ReportedFigure, pk=pk)
    if action == "submit":
        if not request.user.has_perm("monitoring.change_reportedfigure"):
            raise PermissionDenied
    elif not figures.may_decide(request.user, figure):
        raise PermissionDenied
    form = ReturnForm(request.POST or None) if action == "return" else None
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            if action == "submit":
                figures.submit(figure, request.user)
            elif action == "approve":
                figures.approve(figure, request.user)
            else:
                figures.return_figure(figure, request.user, form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, {"submit": _("The figure is submitted for approval."),
                                       "approve": _("The figure is approved: it counts now."),
                                       "return": _("The figure is returned.")}[action])
        return redirect(index_url)
    return TemplateResponse(request, "monitoring/admin/figure_step.html", {
        "figure": figure, "action": action, "form": form, "index_url": index_url,
    })


class FigureIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        url_name = ReportedFigure.snippet_viewset.get_url_name
        user = self.request.user
        if instance.status in figures.EDITABLE and user.has_perm("monitoring.change_reportedfigure"):
            buttons.append(ListingButton(_("Submit for approval"), url=reverse(
                url_name("submit"), args=[instance.pk]), icon_name="upload", priority=1))
        if instance.status == FigureStatus.SUBMITTED and figures.may_decide(user, instance):
            buttons.append(ListingButton(_("Approve"), url=reverse(
                url_name("approve"), args=[instance.pk]), icon_name="check", priority=2))
            buttons.append(ListingButton(_("Return"), url=reverse(
                url_name("return"), args=[instance.pk]), icon_name="cross", priority=3))
        return buttons


class IndicatorViewSet(SnippetViewSet):
    model = Indicator
    icon = "table"
    menu_label = gettext_lazy("Indicators")
    list_display = ["name", "slug", Column("metric", accessor="get_metric_display",
                                           label=gettext_lazy("Computed metric")),
                    Column("action_plan", accessor="get_action_plan_display",
                           label=gettext_lazy("Action plan"))]
    list_filter = ["metric", "action_plan", "direction"]
    search_fields = ["name", "slug"]
    search_backend_name = None


class ReportedFigureViewSet(SnippetViewSet):
    model = ReportedFigure
    icon = "doc-full"
    menu_label = gettext_lazy("Reported figures")
    index_view_class = FigureIndexView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_filter = ["status", "period"]
    list_display = ["__str__", "period", "value",
                    Column("status", accessor="get_status_display", label=gettext_lazy("Status")),
                    DateColumn("created_at", label=gettext_lazy("Reported"))]
    inspect_view_fields = ["period", "value", "evidence_note", "evidence_link",
                           "evidence_document", "status", "return_reason", "created_by",
                           "created_at", "submitted_at", "decided_by", "decided_at"]
    edit_handler = ObjectList([
        FieldPanel("indicator"), FieldRowPanel([FieldPanel("period"), FieldPanel("value")]),
        FieldPanel("evidence_note"), FieldPanel("evidence_link"), FieldPanel("evidence_document"),
    ], base_form_class=ReportedFigureForm)

    def get_urlpatterns(self):
        index = lambda: reverse(self.get_url_name("list"))  # noqa: E731 - needs the URLconf
        return super().get_urlpatterns() + [
            path(f"<int:pk>/{action}/",
                 lambda request, pk, action=action: step(request, pk, action, index()),
                 name=action)
            for action in ("submit", "approve", "return")
        ]


class IndicatorViewSetGroup(SnippetViewSetGroup):
    menu_label = gettext_lazy("Indicators")
    menu_icon = "table"
    menu_order = 265
    items = (IndicatorViewSet, ReportedFigureViewSet)
