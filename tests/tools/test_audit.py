"""``make audit``: fixable vulnerabilities fail, unfixable ones are listed, unchecked is never clean.

The reports are pip-audit's and npm audit's JSON as they print it; the live
advisory services are not reachable from this machine's package mirror, which
the last test runs into for real.
"""

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("audit", ROOT / "tools" / "audit.py")
audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit)

PIP_AUDIT_REPORT = {
    "dependencies": [
        {"name": "competence-hub", "skip_reason": "distribution marked as editable"},
        {"name": "django", "version": "5.2.1", "vulns": [
            {"id": "PYSEC-2025-1", "aliases": ["CVE-2025-0001"], "fix_versions": ["5.2.2"]},
        ]},
        {"name": "oldlib", "version": "1.0", "vulns": [
            {"id": "GHSA-aaaa-bbbb-cccc", "aliases": [], "fix_versions": []},
        ]},
        {"name": "requests", "version": "2.34.2", "vulns": []},
    ],
    "fixes": [],
}
NPM_REPORT = {
    "auditReportVersion": 2,
    "vulnerabilities": {
        "leaflet": {"name": "leaflet", "severity": "moderate", "range": "<1.9.5",
                    "fixAvailable": {"name": "leaflet", "version": "1.9.5", "isSemVerMajor": False}},
        "abandoned": {"name": "abandoned", "severity": "high", "range": "*", "fixAvailable": False},
    },
}


def test_pip_audit_report_separates_fixable_unfixable_and_skips_only_the_project():
    fixable, unfixable, unaudited = audit.python_findings(PIP_AUDIT_REPORT)
    assert fixable == ["django 5.2.1: PYSEC-2025-1, CVE-2025-0001, fixed in 5.2.2"]
    assert unfixable == ["oldlib 1.0: GHSA-aaaa-bbbb-cccc, no fixed version yet"]
    assert unaudited == []


def test_a_package_pip_audit_could_not_check_is_not_clean():
    report = {"dependencies": [
        {"name": "django", "skip_reason": "Dependency not found on PyPI and could not be audited: django (5.2.19)"},
    ]}
    assert audit.python_findings(report) == ([], [], [
        "django: Dependency not found on PyPI and could not be audited: django (5.2.19)"])


def test_npm_report_and_npm_errors():
    fixable, unfixable, unaudited = audit.npm_findings(NPM_REPORT)
    assert fixable == ["leaflet <1.9.5: moderate, fix available (leaflet 1.9.5)"]
    assert unfixable == ["abandoned *: high, no fix available"]
    # What npm 11 prints when the registry has no advisory endpoint (this machine's mirror).
    error = {"message": "405 Method Not Allowed - POST .../bulk", "statusCode": 405,
             "error": {"summary": "", "detail": ""}}
    assert audit.npm_findings(error) == ([], [], ["npm audit: 405 Method Not Allowed - POST .../bulk"])
    assert audit.npm_findings({"auditReportVersion": 2, "vulnerabilities": {}}) == ([], [], [])


def test_exit_status_fails_on_fixable_and_on_unchecked_unless_allowed(capsys):
    assert audit.summarise("py", audit.python_findings(PIP_AUDIT_REPORT), True) == 1
    assert "VULNERABLE (upgrade): django 5.2.1" in capsys.readouterr().out
    assert audit.summarise("npm", ([], ["abandoned *: high, no fix available"], []), False) == 0
    unchecked = ([], [], ["django: not found"])
    assert audit.summarise("py", unchecked, False) == 2
    assert audit.summarise("py", unchecked, True) == 0
    assert "NOT CHECKED (1)" in capsys.readouterr().out
    assert audit.summarise("py", ([], [], []), False) == 0
    assert "no known vulnerabilities" in capsys.readouterr().out


def test_a_command_that_prints_no_json_or_does_not_run_is_reported_as_not_checked():
    broken = audit.run_json([sys.executable, "-c", "print('Traceback: boom'); raise SystemExit(3)"])
    assert broken["error"]["summary"].endswith("exited 3: Traceback: boom")
    missing = audit.run_json(["/nonexistent/tool"])
    assert "did not run" in missing["error"]["summary"]
    assert audit.npm_findings(missing)[2] == [f"npm audit: {missing['error']['summary']}"]
