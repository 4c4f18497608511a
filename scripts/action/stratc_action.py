#!/usr/bin/env python3
"""The steps of the stratc GitHub Action (action.yml), one subcommand each.

The Action's YAML only wires inputs to these subcommands, so everything it
does can be tested on a laptop (test_stratc_action.py, run by .ci/run).
GitHub's limits are kept here, and each cut says what was left out and
where the rest is, never silently:

- at most 10 error and 10 warning annotations per step
  (ANNOTATIONS_PER_LEVEL), then one notice counting the rest;
- a pull-request comment under 65,536 characters (COMMENT_LIMIT) and a job
  summary under 1 MiB (SUMMARY_LIMIT), trimmed by whole sections (then whole
  lines) with a pointer to the full report uploaded as an artifact;
- at most 25,000 results per SARIF run (SARIF_RESULTS), errors kept first.

Only the standard library: the runner's python3 is all it needs.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

ANNOTATIONS_PER_LEVEL = 10
COMMENT_LIMIT = 65_536
SUMMARY_LIMIT = 1_048_576
SARIF_RESULTS = 25_000
# Room kept under each limit for the note that says what was left out.
NOTE_ROOM = 1_000


# ---------------------------------------------------------------- helpers


def repo_path(root: str, path: str) -> str:
    """A path relative to the strategy root, made relative to the repository."""
    root = root.strip().strip("/")
    if root in ("", "."):
        return path
    return f"{root}/{path}"


def write_output(name: str, value: str) -> None:
    """Sets a step output (or prints it outside GitHub)."""
    target = os.environ.get("GITHUB_OUTPUT")
    line = f"{name}={value}\n"
    if target:
        with open(target, "a", encoding="utf-8") as f:
            f.write(line)
    else:
        sys.stdout.write(line)


# ------------------------------------------------------------ annotations


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(level: str, finding: dict, root: str) -> str:
    props = []
    if finding.get("file"):
        props.append(f"file={escape_property(repo_path(root, finding['file']))}")
        for key, name in (
            ("line", "line"),
            ("column", "col"),
            ("end_line", "endLine"),
            ("end_column", "endColumn"),
        ):
            if finding.get(key) is not None:
                props.append(f"{name}={finding[key]}")
    props.append(
        "title=" + escape_property(f"{finding.get('code', '')} {finding.get('rule', '')}".strip())
    )
    message = finding.get("message", "")
    if finding.get("help"):
        message += f"\nhelp: {finding['help']}"
    if finding.get("escalation"):
        message += "\nescalate to: " + " → ".join(finding["escalation"])
    return f"::{level} {','.join(props)}::{escape_data(message)}"


def annotations(report: dict, root: str, per_level: int = ANNOTATIONS_PER_LEVEL) -> list[str]:
    """Workflow commands for the findings of `stratc check --format json`:
    the first `per_level` errors and warnings, then a notice of the rest."""
    lines: list[str] = []
    left: dict[str, int] = {"error": 0, "warning": 0}
    shown: dict[str, int] = {"error": 0, "warning": 0}
    for f in report.get("findings", []):
        level = "error" if f.get("severity") == "error" else "warning"
        if shown[level] < per_level:
            lines.append(annotation(level, f, root))
            shown[level] += 1
        else:
            left[level] += 1
    if left["error"] or left["warning"]:
        parts = []
        for level in ("error", "warning"):
            if left[level]:
                parts.append(f"{left[level]} more {level}{'' if left[level] == 1 else 's'}")
        text = (
            f"{' and '.join(parts)} not annotated: GitHub shows at most {per_level} error and "
            f"{per_level} warning annotations per step. Every finding is in the job summary, "
            "in code scanning (SARIF) and in the stratc-report artifact."
        )
        lines.append("::notice title=stratc::" + escape_data(text))
    return lines


def cmd_annotate(args: argparse.Namespace) -> int:
    report = json.loads(Path(args.report).read_text(encoding="utf-8"))
    for line in annotations(report, args.root):
        print(line)
    summary = report.get("summary", {})
    write_output("errors", str(summary.get("errors", 0)))
    write_output("warnings", str(summary.get("warnings", 0)))
    return 0


# ------------------------------------------------------------- trimming


def size(text: str, unit: str) -> int:
    return len(text.encode("utf-8")) if unit == "bytes" else len(text)


def sections(markdown: str) -> list[tuple[str, str]]:
    """Splits Markdown at `##`/`###` headings: (title, text) pairs; the text
    before the first heading has an empty title."""
    out: list[tuple[str, list[str]]] = [("", [])]
    for line in markdown.splitlines(keepends=True):
        m = re.match(r"^#{2,3} (.*)", line)
        if m:
            out.append((m.group(1).strip(), [line]))
        else:
            out[-1][1].append(line)
    return [(t, "".join(body)) for t, body in out if body]


def trim(markdown: str, limit: int, unit: str, where: str) -> str:
    """Markdown under `limit` (characters or bytes): whole sections while they
    fit, then as many whole lines of the next as fit, then a note naming what
    was left out and `where` the full report is."""
    if size(markdown, unit) <= limit:
        return markdown
    budget = limit - NOTE_ROOM
    kept: list[str] = []
    used = 0
    left_out: list[str] = []
    cut_lines = 0
    parts = sections(markdown)
    for i, (title, text) in enumerate(parts):
        if left_out or cut_lines:
            left_out.append(title or "introduction")
            continue
        n = size(text, unit)
        if used + n <= budget:
            kept.append(text)
            used += n
            continue
        lines = text.splitlines(keepends=True)
        taken = []
        for line in lines:
            if used + size(line, unit) > budget:
                break
            taken.append(line)
            used += size(line, unit)
        kept.append("".join(taken))
        cut_lines = len(lines) - len(taken)
        cut_title = title or "introduction"
    note = "\n\n> ✂️ **Shortened to stay under GitHub's limit"
    note += f" of {limit:,} {'bytes' if unit == 'bytes' else 'characters'}.**"
    if cut_lines:
        note += f" {cut_lines:,} more line{'' if cut_lines == 1 else 's'} of “{cut_title}”"
        note += " are left out"
        note += "," if left_out else "."
    if left_out:
        note += " Sections left out: " + ", ".join(f"“{t}”" for t in left_out) + "."
    note += f" The full report is in {where}.\n"
    out = "".join(kept).rstrip("\n") + note
    assert size(out, unit) <= limit, "the note room is too small"
    return out


def artifact_pointer(url: str | None, name: str) -> str:
    if url:
        return f"the [{name}]({url}) artifact"
    return f"the `{name}` artifact of this workflow run"


def cmd_summary(args: argparse.Namespace) -> int:
    parts = [Path(p).read_text(encoding="utf-8") for p in args.files if Path(p).exists()]
    text = "\n\n".join(p.strip("\n") for p in parts if p.strip()) + "\n"
    where = artifact_pointer(args.artifact_url, args.artifact_name)
    body = trim(text, args.limit, "bytes", where)
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        with open(target, "a", encoding="utf-8") as f:
            f.write(body)
    else:
        sys.stdout.write(body)
    return 0


# -------------------------------------------------------------- comment


def find_marked(comments: list[dict], marker: str) -> dict | None:
    """The comment this Action wrote before: the first whose body starts with
    the hidden marker, preferring one written by a bot (a person quoting the
    report does not start with the marker, but could)."""
    marked = [c for c in comments if (c.get("body") or "").startswith(marker)]
    bots = [c for c in marked if (c.get("user") or {}).get("type") == "Bot"]
    return (bots or marked or [None])[0]


def comment_body(report: str, marker: str, where: str, limit: int = COMMENT_LIMIT) -> str:
    if not report.strip():
        report = "stratc diff produced no report; see the job log.\n"
    return marker + "\n" + trim(report, limit - len(marker) - 1, "characters", where)


class GitHub:
    """The few REST calls the comment needs, with the workflow's token."""

    def __init__(self, api: str, token: str):
        self.api = api.rstrip("/")
        self.token = token

    def call(self, method: str, path: str, payload: dict | None = None):
        data = json.dumps(payload).encode() if payload is not None else None
        req = urllib.request.Request(
            self.api + path,
            data=data,
            method=method,
            headers={
                "Authorization": f"Bearer {self.token}",
                "Accept": "application/vnd.github+json",
                "X-GitHub-Api-Version": "2022-11-28",
                "Content-Type": "application/json",
                "User-Agent": "stratc-action",
            },
        )
        with urllib.request.urlopen(req, timeout=30) as resp:
            return json.loads(resp.read() or b"null")

    def comments(self, repo: str, number: int) -> list[dict]:
        out: list[dict] = []
        page = 1
        while True:
            batch = self.call("GET", f"/repos/{repo}/issues/{number}/comments?per_page=100&page={page}")
            out.extend(batch)
            if len(batch) < 100:
                return out
            page += 1


def upsert_comment(gh: GitHub, repo: str, number: int, body: str, marker: str) -> str:
    """Updates the marked comment in place, or creates it; says which."""
    previous = find_marked(gh.comments(repo, number), marker)
    if previous:
        gh.call("PATCH", f"/repos/{repo}/issues/comments/{previous['id']}", {"body": body})
        return f"updated comment {previous['id']}"
    created = gh.call("POST", f"/repos/{repo}/issues/{number}/comments", {"body": body})
    return f"created comment {created.get('id')}"


def cmd_comment(args: argparse.Namespace) -> int:
    event = json.loads(Path(os.environ["GITHUB_EVENT_PATH"]).read_text(encoding="utf-8"))
    number = (event.get("pull_request") or {}).get("number")
    if not number:
        print("stratc: not a pull request; no comment")
        return 0
    report = Path(args.report).read_text(encoding="utf-8") if Path(args.report).exists() else ""
    where = artifact_pointer(args.artifact_url, args.artifact_name)
    body = comment_body(report, args.marker, where)
    gh = GitHub(os.environ.get("GITHUB_API_URL", "https://api.github.com"), os.environ["GITHUB_TOKEN"])
    print("stratc: " + upsert_comment(gh, os.environ["GITHUB_REPOSITORY"], int(number), body, args.marker))
    return 0


# ---------------------------------------------------------------- SARIF

LEVEL_ORDER = {"error": 0, "warning": 1, "note": 2, "none": 3}


def cap_sarif(sarif: dict, root: str, limit: int = SARIF_RESULTS) -> tuple[dict, int]:
    """Makes the locations relative to the repository and keeps at most
    `limit` results per run, errors first; returns how many were left out."""
    dropped = 0
    for run in sarif.get("runs", []):
        for result in run.get("results", []):
            for loc in result.get("locations", []) + result.get("relatedLocations", []):
                art = loc.get("physicalLocation", {}).get("artifactLocation")
                if art and "uri" in art:
                    art["uri"] = repo_path(root, art["uri"])
        results = run.get("results", [])
        if len(results) > limit:
            ordered = sorted(
                enumerate(results),
                key=lambda p: (LEVEL_ORDER.get(p[1].get("level", "warning"), 1), p[0]),
            )
            keep = sorted(i for i, _ in ordered[:limit])
            run["results"] = [results[i] for i in keep]
            left = len(results) - limit
            dropped += left
            run.setdefault("properties", {})["stratcResultsLeftOut"] = left
            note = {
                "level": "warning",
                "message": {
                    "text": f"{left} results left out: code scanning accepts at most {limit} per run; "
                    "the stratc-report artifact has every finding"
                },
            }
            inv = run.setdefault("invocations", [{"executionSuccessful": True}])
            inv[0].setdefault("toolExecutionNotifications", []).append(note)
    return sarif, dropped


def cmd_sarif(args: argparse.Namespace) -> int:
    sarif = json.loads(Path(args.input).read_text(encoding="utf-8"))
    sarif, dropped = cap_sarif(sarif, args.root, args.limit)
    Path(args.output).write_text(json.dumps(sarif, indent=2) + "\n", encoding="utf-8")
    if dropped:
        print(
            f"::notice title=stratc::{dropped} SARIF results left out: code scanning accepts at most "
            f"{args.limit} per run; the stratc-report artifact has every finding"
        )
    write_output("sarif-file", args.output)
    return 0


# -------------------------------------------------------------- install


def cargo_version(cargo_toml: str) -> str | None:
    """The `version` of the [package] table."""
    in_package = False
    for line in cargo_toml.splitlines():
        s = line.strip()
        if s.startswith("["):
            in_package = s == "[package]"
        elif in_package:
            m = re.match(r'version\s*=\s*"([^"]+)"', s)
            if m:
                return m.group(1)
    return None


def cmd_install(args: argparse.Namespace) -> int:
    source = Path(args.source)
    have = cargo_version((source / "Cargo.toml").read_text(encoding="utf-8"))
    wanted = args.version.strip().lstrip("v")
    if wanted and wanted != have:
        print(
            f"::error title=stratc::version {wanted} was asked for, but this Action builds stratc {have} "
            "from its own checkout (there are no release binaries yet): pin the Action at the tag of "
            f"{wanted}, or leave `version` empty"
        )
        return 1
    binary = Path(args.root) / "bin" / "stratc"
    if not binary.exists():
        subprocess.run(
            ["cargo", "install", "--locked", "--path", str(source), "--root", args.root],
            check=True,
        )
    target = os.environ.get("GITHUB_PATH")
    if target:
        with open(target, "a", encoding="utf-8") as f:
            f.write(str(binary.parent) + "\n")
    return 0


# ----------------------------------------------------------------- gate


def gate(fail_on: str, errors: int, warnings: int, diff_exit: int | None) -> tuple[int, str]:
    """Whether the job fails, and why."""
    if fail_on == "never":
        return 0, "stratc: fail-on is never"
    if diff_exit not in (None, 0, 1):
        return 1, "stratc diff could not compare with the base (see its log)"
    diff_errors = diff_exit == 1
    if errors or diff_errors:
        return 1, f"stratc found {errors} error(s){' and the change introduces errors' if diff_errors else ''}"
    if fail_on == "warning" and warnings:
        return 1, f"stratc found {warnings} warning(s) and fail-on is warning"
    return 0, f"stratc: {errors} errors, {warnings} warnings"


def cmd_gate(args: argparse.Namespace) -> int:
    diff_exit = int(args.diff_exit) if args.diff_exit not in (None, "") else None
    code, why = gate(args.fail_on, int(args.errors or 0), int(args.warnings or 0), diff_exit)
    print(why if code == 0 else f"::error title=stratc::{why}")
    return code


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="stratc_action", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)

    a = sub.add_parser("annotate", help="annotations from `stratc check --format json`")
    a.add_argument("report")
    a.add_argument("--root", default=".")
    a.set_defaults(run=cmd_annotate)

    s = sub.add_parser("summary", help="append the reports to the job summary")
    s.add_argument("files", nargs="+")
    s.add_argument("--limit", type=int, default=SUMMARY_LIMIT)
    s.add_argument("--artifact-name", default="stratc-report")
    s.add_argument("--artifact-url", default="")
    s.set_defaults(run=cmd_summary)

    c = sub.add_parser("comment", help="create or update the sticky pull-request comment")
    c.add_argument("report")
    c.add_argument("--marker", required=True)
    c.add_argument("--artifact-name", default="stratc-report")
    c.add_argument("--artifact-url", default="")
    c.set_defaults(run=cmd_comment)

    r = sub.add_parser("sarif", help="repository paths and the result cap for code scanning")
    r.add_argument("input")
    r.add_argument("output")
    r.add_argument("--root", default=".")
    r.add_argument("--limit", type=int, default=SARIF_RESULTS)
    r.set_defaults(run=cmd_sarif)

    i = sub.add_parser("install", help="build stratc from the Action's checkout, once per version")
    i.add_argument("--source", required=True)
    i.add_argument("--root", required=True)
    i.add_argument("--version", default="")
    i.set_defaults(run=cmd_install)

    g = sub.add_parser("gate", help="fail the job according to fail-on")
    g.add_argument("--fail-on", choices=["error", "warning", "never"], default="error")
    g.add_argument("--errors", default="0")
    g.add_argument("--warnings", default="0")
    g.add_argument("--diff-exit", default="")
    g.set_defaults(run=cmd_gate)

    args = p.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
