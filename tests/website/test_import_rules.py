"""Dependencies run one way (DESIGN.md, Layout).

Content apps (every project app but ``website`` and ``search``: ``casestudies``,
``funding``, ``network``, ``learning`` and those to come) import ``website`` and
``search``, never each other; ``website`` and ``search`` import no content app.
A relation between content apps is a model reference by string
(``"network.Member"``); a feature that needs another app's objects asks a
registry in ``website`` or ``search`` that each app fills in its ``ready()``.

The test reads every module of the project's apps with ``ast``: imports at the
top and inside functions, relative imports and ``import_module("...")`` calls
with a literal name. Templates count too: ``extends``/``include`` of another
app's template and ``load`` of another app's tag library are the same arrow.
Each forbidden arrow is listed as ``module -> module``.
"""

import ast
import re
from pathlib import Path

from django.apps import apps
from django.conf import settings

SHARED = {"website", "search"}
IMPORT_CALLS = {"import_module", "__import__"}
TEMPLATE_TAG = re.compile(r"{%\s*(extends|include|load)\s+([^%]+?)\s*%}")


def project_apps():
    """Label -> directory of the apps that live at the top of this repository."""
    root = Path(settings.BASE_DIR)
    return {
        config.name: Path(config.path)
        for config in apps.get_app_configs()
        if Path(config.path).parent == root
    }


def content_apps():
    return set(project_apps()) - SHARED


def allowed(source, target):
    """May a module of app ``source`` use app ``target``?"""
    if source == target or target not in project_apps():
        return True
    if source in SHARED:
        return target not in content_apps()
    return target in SHARED


def module_name(path, root):
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported(tree, module, is_package):
    """(line, module name) for every import in the tree, wherever it stands."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                package = module.split(".") if is_package else module.split(".")[:-1]
                base = package[: len(package) - (node.level - 1)]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module
            yield node.lineno, name
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            first = node.args[0]
            if called in IMPORT_CALLS and isinstance(getattr(first, "value", None), str):
                yield node.lineno, first.value


def python_arrows(source, module, is_package=False):
    """The forbidden arrows of one module's source, as "module:line -> module"."""
    app = module.split(".")[0]
    tree = ast.parse(source)
    return [
        f"{module}:{line} -> {name}"
        for line, name in imported(tree, module, is_package)
        if not allowed(app, name.split(".")[0])
    ]


def tag_libraries():
    """Template tag library name -> the project app that defines it."""
    return {
        path.stem: app
        for app, directory in project_apps().items()
        for path in (directory / "templatetags").glob("*.py")
        if path.stem != "__init__"
    }


def template_arrows(text, name, libraries):
    """The forbidden arrows of one template (under the project's ``templates/``)."""
    top = name.split("/")[0]
    # Root templates (base.html, error pages) and overrides of other packages are the chrome.
    app = top if top in project_apps() else "website"
    arrows = []
    for tag, argument in TEMPLATE_TAG.findall(text):
        if tag == "load":
            targets = [libraries.get(word) for word in argument.split()]
        else:
            quoted = re.match(r"""["']([^"']+)["']""", argument)
            targets = [quoted.group(1).split("/")[0]] if quoted else []
        arrows += [
            f"templates/{name} -> {target} ({{% {tag} {argument} %}})"
            for target in targets
            if target and not allowed(app, target)
        ]
    return arrows


def test_content_apps_are_found():
    """Guards the rest: a wrong root or app list would let every check pass."""
    assert {"casestudies", "funding", "network", "learning"} <= content_apps()
    assert set(project_apps()) >= SHARED


def test_the_checker_sees_every_kind_of_import():
    source = (
        "import funding\n"
        "from network.models import Member\n"
        "from . import documents\n"
        "def later():\n"
        "    from funding.models import FundingCallPage\n"
        "    importlib.import_module('network.demo')\n"
        "    apps.get_model('network', 'Member')\n"
    )
    arrows = python_arrows(source, "casestudies.signal_handlers")
    assert arrows == [
        "casestudies.signal_handlers:1 -> funding",
        "casestudies.signal_handlers:2 -> network.models",
        "casestudies.signal_handlers:5 -> funding.models",
        "casestudies.signal_handlers:6 -> network.demo",
    ]
    assert python_arrows("from casestudies.models import CaseStudyPage\n", "website.api") == [
        "website.api:1 -> casestudies.models"]
    assert python_arrows("from network import indexing\n", "search.sync") == [
        "search.sync:1 -> network"]
    assert python_arrows("from website.models import Pillar\nfrom search import api\n",
                         "network.related") == []
    assert python_arrows("from ..choices import Stage\n", "casestudies.models.pages") == []


def test_the_checker_sees_template_arrows():
    libraries = {"curated_tags": "website", "member_tags": "network"}
    text = (
        '{% extends "casestudies/includes/detail_base.html" %}{% load i18n member_tags %}'
        '{% include "website/curated/related.html" %}{% include "base.html" %}'
    )
    assert template_arrows(text, "funding/policy_page.html", libraries) == [
        'templates/funding/policy_page.html -> casestudies '
        '({% extends "casestudies/includes/detail_base.html" %})',
        "templates/funding/policy_page.html -> network ({% load i18n member_tags %})",
    ]
    assert template_arrows('{% include "network/includes/card.html" %}', "base.html",
                           libraries) == [
        'templates/base.html -> network ({% include "network/includes/card.html" %})']


def test_no_module_imports_across_content_apps():
    root = Path(settings.BASE_DIR)
    arrows = []
    for directory in project_apps().values():
        for path in sorted(directory.rglob("*.py")):
            arrows += python_arrows(
                path.read_text(encoding="utf-8"), module_name(path, root),
                is_package=path.name == "__init__.py",
            )
    assert not arrows, "Forbidden imports (see DESIGN.md, Layout):\n" + "\n".join(arrows)


def test_no_template_uses_another_content_apps_templates():
    libraries = tag_libraries()
    arrows = []
    for directory in settings.TEMPLATES[0]["DIRS"]:
        directory = Path(directory)
        for path in sorted(directory.rglob("*.html")) + sorted(directory.rglob("*.txt")):
            name = path.relative_to(directory).as_posix()
            arrows += template_arrows(path.read_text(encoding="utf-8"), name, libraries)
    assert not arrows, "Forbidden template references:\n" + "\n".join(arrows)
