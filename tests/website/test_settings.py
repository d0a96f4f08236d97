"""Production settings pass Django's deployment checks with a production environment."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, env_extra):
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env,
        capture_output=True, text=True, timeout=120,
    )


PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "website.settings.production",
    "SECRET_KEY": "k" * 20 + "Zx9!q2#Lm4$Rt6%Vb8^Nw0&Pe3*Hs5(Jd7)",
    "ALLOWED_HOSTS": "hub.example.org",
    "SITE_URL": "https://hub.example.org",
}


def test_production_settings_pass_check_deploy(tmp_path):
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING",
        env_extra={**PRODUCTION_ENV, "VAR_DIR": str(tmp_path)},
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {**PRODUCTION_ENV, "SECRET_KEY": "", "VAR_DIR": str(tmp_path)}
    result = run_manage("check", env_extra=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_base_settings_are_safe_by_default():
    from website.settings import base

    assert base.DEBUG is False
    assert base.SESSION_COOKIE_SECURE and base.CSRF_COOKIE_SECURE
    assert base.SECURE_HSTS_SECONDS >= 31536000


def test_sqlite_runs_in_wal_with_immediate_transactions(db):
    from django.db import connection

    if connection.vendor != "sqlite":
        return
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0].lower() == "wal"


def test_every_request_time_sweep_imports():
    """The middleware logs a failing sweep and carries on, so a wrong path shows only here."""
    from django.utils.module_loading import import_string

    from website.settings import base, test

    for path in {*base.REQUEST_TIME_SWEEPS, *test.REQUEST_TIME_SWEEPS}:
        assert callable(import_string(path)), path
    assert "network.sweep.sweep_expired_posts" in base.REQUEST_TIME_SWEEPS


def test_project_code_reads_only_declared_settings():
    """A setting read with ``getattr(settings, NAME, default)`` hides a typo and an
    undocumented knob: every one the project reads is declared in settings/base.py."""
    import ast
    from pathlib import Path

    from website.settings import base

    root = Path(__file__).resolve().parents[2]
    undeclared = []
    for app in ("casestudies", "funding", "learning", "network", "search", "website"):
        for path in (root / app).rglob("*.py"):
            if "migrations" in path.parts or "settings" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (
                    isinstance(node, ast.Call) and getattr(node.func, "id", "") == "getattr"
                    and len(node.args) >= 2 and getattr(node.args[0], "id", "") == "settings"
                    and isinstance(node.args[1], ast.Constant)
                    and not hasattr(base, node.args[1].value)
                ):
                    undeclared.append(f"{path.relative_to(root)}: {node.args[1].value}")
    assert undeclared == []
