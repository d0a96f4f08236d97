"""Demo indicators: the KPIs of the three action plans, and the Impact page in every language.

- The circular-economy action plan (seeds 000): members per pillar (each
  pillar's membership target, 20), SMEs using the tools for measuring their
  environmental impact (5), SMEs informed about the circular economy (30),
  follow-up meetings of the Stakeholder Group (2 a year).
- The cluster-policy concept (seeds 003): stakeholders involved in the public
  consultation (260) and policy makers with increased awareness (52).
- The national action plan (seeds 002, section 9): knowledge disseminated
  (case studies published), capacity built (course completions, session
  attendance).

Targets are for this year (and the next, for the meetings). One reported
figure is approved, with its evidence, and one waits for approval, so the
Impact page and the approval queue both show something. Idempotent: an
indicator that exists (by slug, in the default language) is left alone.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from monitoring.choices import ActionPlan, FigureStatus, Metric
from monitoring.demo import homes, navigation, pages_in, text
from monitoring.models import ImpactPage, Indicator, IndicatorTarget, ReportedFigure
from website.models import Pillar

DEFAULT = settings.LANGUAGE_CODE
CE, CP, NP = ActionPlan.CIRCULAR_ECONOMY, ActionPlan.CLUSTER_POLICY, ActionPlan.NATIONAL_PLAN
INDICATORS = [
    ("smes-using-impact-tools", CE, "", 5, {
        "bg": "МСП, използващи инструментите за измерване на въздействието върху околната среда",
        "en": "SMEs using the tools for measuring their environmental impact",
        "el": "ΜμΕ που χρησιμοποιούν τα εργαλεία μέτρησης του περιβαλλοντικού τους αντίκτυπου"},
     {"bg": "МСП", "en": "SMEs", "el": "ΜμΕ"}),
    ("smes-informed", CE, "", 30, {
        "bg": "МСП, информирани за подхода на кръговата икономика",
        "en": "SMEs informed about the circular-economy approach",
        "el": "ΜμΕ ενημερωμένες για την προσέγγιση της κυκλικής οικονομίας"},
     {"bg": "МСП", "en": "SMEs", "el": "ΜμΕ"}),
    ("follow-up-meetings", CE, "", 2, {
        "bg": "Срещи за проследяване на плана за действие с групата на заинтересованите страни",
        "en": "Action-plan follow-up meetings with the Stakeholder Group",
        "el": "Συναντήσεις παρακολούθησης του σχεδίου δράσης με την ομάδα ενδιαφερομένων"},
     {"bg": "срещи", "en": "meetings", "el": "συναντήσεις"}),
    ("consultation-stakeholders", CP, Metric.CONSULTATION_RESPONDENTS, 260, {
        "bg": "Заинтересовани страни, участвали в публичните консултации на платформата",
        "en": "Stakeholders involved in the platform's public consultations",
        "el": "Ενδιαφερόμενοι που συμμετείχαν στις δημόσιες διαβουλεύσεις της πλατφόρμας"},
     {"bg": "участници", "en": "participants", "el": "συμμετέχοντες"}),
    ("consultation-policy-makers", CP, Metric.POLICY_MAKERS_IN_CONSULTATIONS, 52, {
        "bg": "Създатели на политики с повишена осведоменост чрез публичните консултации",
        "en": "Policy makers with increased awareness through the public consultations",
        "el": "Φορείς χάραξης πολιτικής με αυξημένη ενημέρωση μέσω των δημόσιων διαβουλεύσεων"},
     {"bg": "създатели на политики", "en": "policy makers", "el": "φορείς χάραξης πολιτικής"}),
    ("case-studies-published", NP, Metric.CASE_STUDIES_PER_YEAR, 10, {
        "bg": "Публикувани добри практики (разпространение на знания)",
        "en": "Good practices published (knowledge dissemination)",
        "el": "Καλές πρακτικές που δημοσιεύτηκαν (διάδοση γνώσης)"},
     {"bg": "добри практики", "en": "case studies", "el": "μελέτες περίπτωσης"}),
    ("course-completions", NP, Metric.COURSE_COMPLETIONS, 25, {
        "bg": "Завършени курсове (изграждане на капацитет)",
        "en": "Courses completed (capacity building)",
        "el": "Ολοκληρωμένα μαθήματα (ανάπτυξη ικανοτήτων)"},
     {"bg": "завършвания", "en": "completions", "el": "ολοκληρώσεις"}),
    ("session-attendance", NP, Metric.SESSION_ATTENDANCE, 60, {
        "bg": "Присъствия на обучителни сесии", "en": "Attendances at learning sessions",
        "el": "Παρουσίες σε εκπαιδευτικές συνεδρίες"},
     {"bg": "присъствия", "en": "attendances", "el": "παρουσίες"}),
]
MEMBERS = {"bg": "Членове в стълб „{}“", "en": "Members in the {} pillar",
           "el": "Μέλη στον πυλώνα «{}»"}
IMPACT = {
    "title": {"bg": "Въздействие", "en": "Impact", "el": "Αντίκτυπος"},
    "intro": {
        "bg": "Показателите на плановете за действие: цел и постигнато за всеки период.",
        "en": "The indicators of the action plans: target and actual for each period.",
        "el": "Οι δείκτες των σχεδίων δράσης: στόχος και επίτευξη για κάθε περίοδο."},
}


def add_indicator(slug, plan, metric, targets, names, units, order, pillar=None):
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    if Indicator.objects.filter(slug=slug, locale=locales[DEFAULT]).exists():
        return None
    source = Indicator.objects.create(
        slug=slug, name=names[DEFAULT], unit=units[DEFAULT], action_plan=plan, metric=metric,
        pillar=pillar, sort_order=order, locale=locales[DEFAULT])
    for period, target in targets:
        IndicatorTarget.objects.create(indicator=source, period=period, target=target)
    for code, locale in locales.items():
        if code != DEFAULT:
            Indicator.objects.create(
                slug=slug, name=names.get(code, names["en"]), unit=units.get(code, units["en"]),
                action_plan=plan, metric=metric, pillar=pillar, sort_order=order,
                locale=locale, translation_key=source.translation_key)
    return source


def load(log=print):
    parents = homes()
    if DEFAULT not in parents:
        log("  indicators: no home page, nothing loaded")
        return 0
    year = str(timezone.localdate().year)
    created = 0
    with transaction.atomic():
        pillars = Pillar.objects.filter(locale__language_code=DEFAULT).order_by("sort_order")
        for order, pillar in enumerate(pillars):
            names = {code: MEMBERS[code].format(
                (pillar.get_translation_or_none(Locale.objects.get(language_code=code))
                 or pillar).name) for code in MEMBERS}
            created += bool(add_indicator(
                f"members-{pillar.slug}", CE, Metric.MEMBERS_PER_PILLAR,
                [(year, pillar.membership_target)], names, {
                    "bg": "членове", "en": "members", "el": "μέλη"}, order, pillar=pillar))
        for order, (slug, plan, metric, target, names, units) in enumerate(INDICATORS, 10):
            periods = [(year, target)]
            if slug == "follow-up-meetings":
                periods.append((str(int(year) + 1), target))
            made = add_indicator(slug, plan, metric, periods, names, units, order)
            created += bool(made)
            if made and slug == "follow-up-meetings":
                ReportedFigure.objects.create(
                    indicator_key=made.translation_key, period=year, value=1,
                    evidence_note="Протокол от срещата на групата на заинтересованите страни.",
                    status=FigureStatus.APPROVED, decided_at=timezone.now())
            if made and slug == "smes-informed":
                ReportedFigure.objects.create(
                    indicator_key=made.translation_key, period=year, value=18,
                    evidence_note="Списък на участниците в информационните дни.",
                    status=FigureStatus.SUBMITTED, submitted_at=timezone.now())
        pages, made = pages_in(parents, ImpactPage, "impact", lambda code: {
            "title": text(IMPACT["title"], code), "intro": text(IMPACT["intro"], code)},
            list(parents))
        created += made
        navigation([pages[DEFAULT]])
    log(f"  indicators: {created} created")
    return created
