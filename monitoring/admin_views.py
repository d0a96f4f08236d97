"""Admin views for editors: questionnaires, their results and exports, invitations.

Results and exports need the ``monitoring.view_response`` permission (they show
members' answers), the invitation list ``monitoring.add_invitation``. Every
response is ``private, no-store``: answers never sit in a shared cache.
"""

import io

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale

from monitoring import exports, invitations, results
from monitoring.choices import RespondentMode
from monitoring.models import Invitation, QuestionnairePage, Response

EXPORT_FORMATS = {
    "xlsx": (exports.XLSX_TYPE, "xlsx"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "json": ("application/json", "json"),
}


def questionnaire(page_id):
    page = QuestionnairePage.objects.filter(pk=page_id).first()
    if page is None:
        raise Http404
    return page


FILTER_NAMES = {
    "member_type": gettext_lazy("Member type"),
    "pillar": gettext_lazy("Pillar"),
    "region": gettext_lazy("Region"),
}


def chosen_filters(request):
    """``(chosen, choices, problems)``: a value that names nothing is a problem, never ignored
    silently (the editor would take every answer for the filtered ones)."""
    choices = results.filter_choices()
    chosen, problems = {}, []
    for name in results.FILTERS:
        value = request.GET.get(name, "")
        if value in {code for code, _label in choices[name]}:
            chosen[name] = value
        elif value:
            problems.append(_("Filter “%(filter)s”: there is no “%(value)s”, so it is not applied.")
                            % {"filter": FILTER_NAMES[name], "value": value})
    return chosen, choices, problems


class Private:
    """Permission first, then the questionnaire named in the URL (if any); never cached."""

    permission = "monitoring.view_response"
    questionnaire = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        if "page_id" in kwargs:
            self.questionnaire = questionnaire(kwargs.pop("page_id"))
            self.check_questionnaire()
        response = super().dispatch(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    def check_questionnaire(self):
        pass


class QuestionnaireListView(Private, WagtailAdminTemplateMixin, TemplateView):
    template_name = "monitoring/admin/questionnaire_list.html"
    page_title = gettext_lazy("Questionnaires")
    header_icon = "form"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = dict(Response.objects.order_by().values("questionnaire_key").annotate(
            n=Count("pk")).values_list("questionnaire_key", "n"))
        invited = dict(Invitation.objects.order_by().values("questionnaire_key").annotate(
            n=Count("pk")).values_list("questionnaire_key", "n"))
        default = Locale.get_default().pk
        groups = {}
        for page in QuestionnairePage.objects.order_by("path").select_related("locale"):
            current = groups.get(page.translation_key)
            if current is None or (page.locale_id == default and current.locale_id != default):
                groups[page.translation_key] = page
        context["rows"] = [
            {"page": page, "answers": counts.get(key, 0), "invitations": invited.get(key, 0)}
            for key, page in groups.items()
        ]
        return context


class ResultsView(Private, WagtailAdminTemplateMixin, TemplateView):
    template_name = "monitoring/admin/results.html"
    header_icon = "form"

    def get_page_title(self):
        return _("Results: %(title)s") % {"title": self.questionnaire.title}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = self.questionnaire
        chosen, choices, problems = chosen_filters(self.request)
        responses = results.filtered(page.questionnaire_key, chosen)
        query = urlencode(chosen)
        context.update({
            "questionnaire": page, "chosen": chosen, "choices": choices,
            "filter_problems": problems, "total": responses.count(),
            "results": results.aggregate(page.definition, responses),
            "exports": [(name.upper(), reverse("monitoring_admin:export", args=[page.pk, name])
                         + (f"?{query}" if query else "")) for name in EXPORT_FORMATS],
            "open_mode": page.mode == RespondentMode.OPEN,
            "languages": Response.objects.filter(questionnaire_key=page.questionnaire_key)
            .order_by().values_list("language", flat=True).distinct(),
        })
        return context


def export(request, page_id, fmt):
    if not request.user.has_perm("monitoring.view_response"):
        raise PermissionDenied
    if fmt not in EXPORT_FORMATS:
        raise Http404
    page = questionnaire(page_id)
    chosen, _choices, problems = chosen_filters(request)
    if problems:
        return HttpResponseBadRequest(" ".join(problems), content_type="text/plain; charset=utf-8")
    responses = results.filtered(page.questionnaire_key, chosen)
    content_type, extension = EXPORT_FORMATS[fmt]
    if fmt == "xlsx":
        buffer = io.BytesIO()
        exports.to_xlsx(page.definition, responses, buffer)
        content = buffer.getvalue()
    else:
        buffer = io.StringIO()
        if fmt == "csv":
            buffer.write("\ufeff")  # so that spreadsheets read the file as UTF-8
            exports.to_csv(page.definition, responses, buffer)
        else:
            exports.to_json(page, page.definition, responses, buffer)
        content = buffer.getvalue().encode("utf-8")
    response = HttpResponse(content, content_type=content_type)
    # The slug may be Cyrillic or Greek: RFC 6266's filename* carries it (with an ASCII fallback).
    response["Content-Disposition"] = content_disposition_header(
        True, f"{page.slug}-answers.{extension}")
    add_never_cache_headers(response)
    return response


class UploadForm(forms.Form):
    addresses = forms.FileField(
        label=gettext_lazy("Addresses (CSV)"),
        help_text=gettext_lazy("One e-mail address per line, optionally followed by the "
                               "language of the invitation (bg, en or el)."),
    )
    language = forms.ChoiceField(label=gettext_lazy("Language when the file names none"),
                                 choices=settings.LANGUAGES)


class InvitationsView(Private, WagtailAdminTemplateMixin, TemplateView):
    template_name = "monitoring/admin/invitations.html"
    permission = "monitoring.add_invitation"
    header_icon = "mail"

    def get_page_title(self):
        return _("Invitations: %(title)s") % {"title": self.questionnaire.title}

    def check_questionnaire(self):
        if self.questionnaire.mode != RespondentMode.INVITED:
            raise Http404

    def get_context_data(self, form=None, problems=(), **kwargs):
        context = super().get_context_data(**kwargs)
        page = self.questionnaire
        listed = Invitation.objects.filter(questionnaire_key=page.questionnaire_key)
        context.update({
            "questionnaire": page, "problems": problems,
            "form": form or UploadForm(initial={"language": page.locale.language_code}),
            "invitations": listed[:500], "count": listed.count(),
            "completed": listed.filter(completed=True).count(),
            "is_open": page.live and page.is_open(),
        })
        return context

    def post(self, request, *args, **kwargs):
        page = self.questionnaire
        if request.POST.get("action") == "remind":
            _invited, reminded = invitations.send_due(key=page.questionnaire_key, remind_now=True)
            messages.success(request, _("%(n)s reminder(s) sent.") % {"n": reminded})
            return redirect(request.path)
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        upload = form.cleaned_data["addresses"]
        addresses = invitations.parse_addresses(upload.read(invitations.MAX_BYTES + 1),
                                                form.cleaned_data["language"])
        if not addresses.ok:
            return self.render_to_response(
                self.get_context_data(form=form, problems=addresses.problems), status=400)
        added = invitations.add_invitations(page, addresses)
        invited, _reminded = invitations.send_due(key=page.questionnaire_key)
        messages.success(request, _(
            "%(added)s address(es) added, %(invited)s invitation(s) sent.")
            % {"added": added, "invited": invited})
        return redirect(request.path)
