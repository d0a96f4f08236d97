"""Public views of the monitoring pages: a consultation, its comments, published results."""

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page

from monitoring import consultations, metrics, results
from monitoring.models import ConsultationComment
from website.choices import Status
from website.moderation import save_submission
from website.submissions import SubmitOnceMixin, submit_once

COMMENT_MAX_LENGTH = 4000


class CommentForm(SubmitOnceMixin, forms.ModelForm):
    """A new comment; the member never edits it afterwards, nor sets its moderation fields."""

    body = forms.CharField(
        label=gettext_lazy("Your comment"), max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    class Meta:
        model = ConsultationComment
        fields = ["body"]


def commenter(request):
    """The signed-in account's approved member, or None."""
    if not request.user.is_authenticated:
        return None
    member = apps.get_model("network", "Member").objects.filter(user=request.user).first()
    return member if member is not None and member.status == Status.APPROVED else None


def published_figures(page):
    """Aggregates of a questionnaire as published: small groups hidden."""
    responses = results.filtered(page.questionnaire_key)
    smallest = settings.SURVEY_SMALLEST_PUBLIC_GROUP
    return {
        "questionnaire": page,
        "total": responses.count(),
        "smallest_group": smallest,
        "results": results.aggregate(page.definition, responses, smallest_group=smallest),
    }


def public_results(page, request):
    if not page.results_public:
        raise Http404
    context = page.get_context(request)
    context.update(published_figures(page))
    return TemplateResponse(request, "monitoring/questionnaire_results.html", context)


def consultation_context(page, request, failed=None):
    member = commenter(request)
    comments = consultations.comments_by_section(page, member)
    is_open = consultations.comments_open(page)
    sections = []
    for child in page.draft:
        code = child.value["code"]
        form = failed if failed is not None and failed.prefix == f"c-{code}" else None
        if form is None and is_open and member is not None:
            form = CommentForm(prefix=f"c-{code}", submitter=request.user)
        public, own = comments.get(code, ([], []))
        sections.append({"code": code, "value": child.value, "form": form,
                         "comments": public, "own_pending": own})
    questionnaire = page.questionnaires().first()
    # Linked policies are shown only while live and public (a private one's title stays private).
    linked = [link.policy.localized for link in page.policy_links.select_related("policy")]
    visible = set(Page.objects.filter(pk__in=[p.pk for p in linked]).live().public()
                  .values_list("pk", flat=True))
    return {
        "phases": consultations.phases(page),
        "sections": sections,
        "comments_open": is_open,
        "commenter": member,
        "signed_in": request.user.is_authenticated,
        "login_url": reverse("account_login") + "?" + urlencode({"next": page.url or "/"}),
        "questionnaire": questionnaire.specific if questionnaire else None,
        "policies": [policy for policy in linked if policy.pk in visible],
        "programme": page.programme.localized if page.programme else None,
        "working_group": page.working_group,
        "participants": metrics.consultation_respondents(page) if page.result_published else None,
        "figures": [published_figures(q.specific) for q in page.questionnaires()]
        if page.result_published else [],
    }


def consultation_page(page, request, failed=None, status=200):
    context = page.get_context(request)
    context.update(consultation_context(page, request, failed))
    response = TemplateResponse(request, "monitoring/consultation_page.html", context,
                                status=status)
    if context["commenter"] is not None:
        add_never_cache_headers(response)
    return response


def post_comment(page, request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    member = commenter(request)
    if member is None:
        messages.error(request, _("Only approved members can comment. Sign in first."))
        return redirect(page.url)
    if not consultations.comments_open(page):
        messages.error(request, _("Comments on this draft are closed."))
        return redirect(page.url)
    section = request.POST.get("section", "")
    if section not in consultations.section_codes(page):
        messages.error(request, _("That section of the draft does not exist."))
        return redirect(page.url)
    form = CommentForm(request.POST, prefix=f"c-{section}", submitter=request.user)
    if not form.is_valid():
        return consultation_page(page, request, failed=form)

    def create():
        save_submission(form, consultation_key=page.consultation_key, page=page,
                        section=section, member=member, language=page.locale.language_code)
        return f"{page.url}#section-{section}"

    return submit_once(request, form, create, done_message=_(
        "Thank you. Your comment will appear once an editor has approved it."))
