"""Known vulnerabilities in the installed Python packages and the npm packages.

Runs ``pip-audit`` on the virtualenv (what ``make setup`` installed from
pyproject.toml; the project itself, installed editable, is skipped) and
``npm audit --omit=dev`` on package-lock.json, both with JSON output, and
fails (exit 1) when a package has a known vulnerability with a fixed version:
upgrade it. Vulnerabilities without a fix are listed and do not fail.

A package that could not be checked is never counted as clean: pip-audit
reports a package the advisory service does not answer for as "skipped" and
still exits 0, and npm audit fails when the registry's advisory endpoint does
not answer. Either fails too (exit 2), unless ``--allow-unaudited`` is given,
which reports it as NOT CHECKED and fails only on fixable vulnerabilities
(for a CI machine whose registry mirror has no advisory service).

    python tools/audit.py [--allow-unaudited]
"""

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
TIMEOUT = 600


def python_findings(report):
    """pip-audit's JSON as (fixable, unfixable, unaudited) lists of one-line descriptions."""
    fixable, unfixable, unaudited = [], [], []
    for dependency in report.get("dependencies", []):
        name = f"{dependency['name']} {dependency.get('version', '')}".strip()
        reason = dependency.get("skip_reason", "")
        if reason:
            if "editable" not in reason:
                unaudited.append(f"{name}: {reason}")
            continue
        for vuln in dependency.get("vulns", []):
            ids = ", ".join([vuln["id"], *vuln.get("aliases", [])])
            if vuln.get("fix_versions"):
                fixable.append(f"{name}: {ids}, fixed in {', '.join(vuln['fix_versions'])}")
            else:
                unfixable.append(f"{name}: {ids}, no fixed version yet")
    return fixable, unfixable, unaudited


def npm_findings(report):
    """npm audit's JSON as (fixable, unfixable, unaudited) lists of one-line descriptions."""
    if "error" in report or "vulnerabilities" not in report:
        # npm puts the failed request in "message" and leaves error's summary empty.
        error = report.get("error") or {}
        reason = error.get("summary") or report.get("message") or error.get("code") or "no report"
        return [], [], [f"npm audit: {reason}"]
    fixable, unfixable = [], []
    for name, vuln in sorted(report.get("vulnerabilities", {}).items()):
        fix = vuln.get("fixAvailable")
        line = f"{name} {vuln.get('range', '')}: {vuln.get('severity', '?')}".strip()
        if fix:
            target = f" ({fix['name']} {fix['version']})" if isinstance(fix, dict) else ""
            fixable.append(f"{line}, fix available{target}")
        else:
            unfixable.append(f"{line}, no fix available")
    return fixable, unfixable, []


def run_json(command):
    """A command's JSON output; a command that prints none is reported as not checked."""
    try:
        result = subprocess.run(
            command, cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return {"error": {"summary": f"{command[0]} did not run: {error}"}}
    try:
        return json.loads(result.stdout)
    except ValueError:
        detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
        return {"error": {"summary": f"{' '.join(command)} exited {result.returncode}: {detail[0]}"}}


def python_report():
    report = run_json([str(PYTHON), "-m", "pip_audit", "--skip-editable", "--format", "json",
                       "--progress-spinner", "off"])
    if "error" in report:
        return [], [], [f"pip-audit: {report['error']['summary']}"]
    return python_findings(report)


def npm_report():
    return npm_findings(run_json(["npm", "audit", "--omit=dev", "--json"]))


def summarise(label, findings, allow_unaudited):
    """Print one section; return the exit status it asks for (0, 1 or 2)."""
    fixable, unfixable, unaudited = findings
    print(f"== {label} ==")
    for line in fixable:
        print(f"  VULNERABLE (upgrade): {line}")
    for line in unfixable:
        print(f"  vulnerable, no fix yet: {line}")
    if unaudited:
        print(f"  NOT CHECKED ({len(unaudited)}): the advisory service did not answer for:")
        for line in unaudited[:10]:
            print(f"    {line}")
        if len(unaudited) > 10:
            print(f"    ... and {len(unaudited) - 10} more")
    if not (fixable or unfixable or unaudited):
        print("  no known vulnerabilities")
    if fixable:
        return 1
    return 2 if unaudited and not allow_unaudited else 0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--allow-unaudited", action="store_true",
                        help="report packages that could not be checked, but do not fail on them")
    args = parser.parse_args(argv)
    statuses = [
        summarise("Python packages (pip-audit)", python_report(), args.allow_unaudited),
        summarise("npm packages (npm audit --omit=dev)", npm_report(), args.allow_unaudited),
    ]
    return max(statuses)


if __name__ == "__main__":
    sys.exit(main())
