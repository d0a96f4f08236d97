"""The blocks of a lesson: the shared body blocks plus video, exercise, reflection and quiz.

A quiz is graded on the server against the live lesson (``learning.quiz``);
its questions and answers are identified by the ids Wagtail gives every
stream and list item, which translations keep, so an attempt made in one
language counts in every other.
"""

from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock

from learning.choices import QuestionKind
from website.blocks import BodyBlock

VIDEO_EXTENSIONS = {".mp4", ".webm", ".ogv"}
CAPTION_EXTENSIONS = {".vtt"}


def extension(document):
    return PurePosixPath(document.file.name).suffix.lower() if document else ""


class VideoBlock(blocks.StructBlock):
    """A video: a file uploaded to the site with its captions track, or a link to a platform.

    An uploaded video plays from the site itself; a platform video is shown
    as a link, never embedded, so that a page makes no third-party request.
    """

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    video = DocumentChooserBlock(
        label=_("Video file"), required=False, help_text=_("MP4 or WebM, uploaded as a document."))
    captions = DocumentChooserBlock(
        label=_("Captions (WebVTT)"), required=False,
        help_text=_("Required with a video file: a .vtt captions track."))
    link = blocks.URLBlock(
        label=_("Or a link to the video on a platform"), required=False)
    transcript = blocks.TextBlock(label=_("Transcript"), required=False)

    class Meta:
        icon = "media"
        template = "learning/blocks/video.html"
        label = _("Video")

    def clean(self, value):
        result = super().clean(value)
        errors = {}
        video, link, captions = result.get("video"), result.get("link"), result.get("captions")
        if bool(video) == bool(link):
            errors["link"] = ValidationError(_("Choose either a video file or a link."))
        if video and extension(video) not in VIDEO_EXTENSIONS:
            errors["video"] = ValidationError(_("The video file must be MP4, WebM or Ogg."))
        if video and not captions:
            errors["captions"] = ValidationError(
                _("An uploaded video needs its captions track (WebVTT)."))
        if captions and extension(captions) not in CAPTION_EXTENSIONS:
            errors["captions"] = ValidationError(_("Captions must be a WebVTT (.vtt) file."))
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return result


class ExerciseBlock(blocks.StructBlock):
    """A practical task with instructions, an optional worksheet and the time it takes."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    instructions = blocks.RichTextBlock(
        label=_("Instructions"), features=["bold", "italic", "link", "document-link", "ol", "ul"])
    worksheet = DocumentChooserBlock(label=_("Worksheet"), required=False)
    minutes = blocks.IntegerBlock(label=_("Minutes"), required=False, min_value=1,
                                  max_value=600)

    class Meta:
        icon = "form"
        template = "learning/blocks/exercise.html"
        label = _("Exercise")


class ReflectionBlock(blocks.StructBlock):
    """A question to think about; each learner may keep a private answer."""

    prompt = blocks.TextBlock(label=_("Prompt"))

    class Meta:
        icon = "help"
        label = _("Reflection prompt")


class AnswerBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Answer"), max_length=300)
    correct = blocks.BooleanBlock(label=_("Correct"), required=False)
    feedback = blocks.TextBlock(
        label=_("Feedback"), required=False,
        help_text=_("Shown to a learner who chose this answer."))

    class Meta:
        icon = "tick"


class QuestionBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Question"))
    kind = blocks.ChoiceBlock(label=_("Kind"), choices=QuestionKind.choices,
                              default=QuestionKind.SINGLE)
    answers = blocks.ListBlock(AnswerBlock(), label=_("Answers"), min_num=2, max_num=10)

    class Meta:
        icon = "help"

    def clean(self, value):
        result = super().clean(value)
        correct = sum(1 for answer in result["answers"] if answer["correct"])
        if result["kind"] == QuestionKind.SINGLE and correct != 1:
            raise StructBlockValidationError(block_errors={"answers": ValidationError(
                _("A one-answer question needs exactly one correct answer."))})
        if result["kind"] == QuestionKind.MULTIPLE and correct < 1:
            raise StructBlockValidationError(block_errors={"answers": ValidationError(
                _("Mark at least one answer as correct."))})
        return result


class QuizBlock(blocks.StructBlock):
    """Questions with one or several correct answers, a pass mark and a number of attempts."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    pass_mark = blocks.IntegerBlock(
        label=_("Pass mark (%)"), default=70, min_value=1, max_value=100)
    attempts_allowed = blocks.IntegerBlock(
        label=_("Attempts allowed"), default=3, min_value=0, max_value=100,
        help_text=_("0 for no limit."))
    questions = blocks.ListBlock(QuestionBlock(), label=_("Questions"), min_num=1, max_num=50)

    class Meta:
        icon = "list-ol"
        label = _("Quiz")


class LessonBodyBlock(BodyBlock):
    """A lesson's content: the site's body blocks and the learning blocks."""

    video = VideoBlock()
    exercise = ExerciseBlock()
    reflection = ReflectionBlock()
    quiz = QuizBlock()
