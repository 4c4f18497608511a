"""Tests of the Action's steps (run by .ci/run:
`python3 -m unittest discover -s scripts/action`)."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import threading
import unittest
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import stratc_action as sa


def finding(i: int, severity: str) -> dict:
    return {
        "code": "PR001",
        "rule": "some-rule",
        "severity": severity,
        "message": f"problem {i}: 50% off, a\nsecond line",
        "file": "policies/p.yaml",
        "line": i + 1,
        "column": 3,
    }


class Annotations(unittest.TestCase):
    def test_at_most_ten_of_each_level_then_a_notice_of_the_rest(self):
        report = {"findings": [finding(i, "error") for i in range(13)] + [finding(i, "warning") for i in range(11)]}
        lines = sa.annotations(report, "strategy")
        self.assertEqual(sum(l.startswith("::error ") for l in lines), 10)
        self.assertEqual(sum(l.startswith("::warning ") for l in lines), 10)
        self.assertEqual(len(lines), 21)
        self.assertTrue(lines[-1].startswith("::notice title=stratc::3 more errors and 1 more warning not annotated"))
        self.assertIn("job summary", lines[-1])

    def test_no_notice_when_everything_is_shown(self):
        lines = sa.annotations({"findings": [finding(0, "error")]}, ".")
        self.assertEqual(len(lines), 1)

    def test_paths_are_relative_to_the_repository_and_text_is_escaped(self):
        line = sa.annotations({"findings": [finding(0, "error")]}, "strategy/")[0]
        self.assertTrue(line.startswith("::error file=strategy/policies/p.yaml,line=1,col=3,title=PR001 some-rule::"), line)
        self.assertIn("50%25 off, a%0Asecond line", line)
        self.assertNotIn("\n", line)
        self.assertEqual(sa.escape_property("a:b,c"), "a%3Ab%2Cc")


class Trimming(unittest.TestCase):
    def report(self, rows: int) -> str:
        table = "".join(f"| error | `X{i}` | row {i} |\n" for i in range(rows))
        return (
            "## stratc diff\n\n**Verdict:** ok\n\n"
            "### Needs attention\n\n- a\n\n"
            f"### Findings introduced\n\n| a | b | c |\n|---|---|---|\n{table}\n"
            "### Documents changed\n\n- x\n"
        )

    def test_short_text_is_unchanged(self):
        text = self.report(3)
        self.assertEqual(sa.trim(text, 65_536, "characters", "x"), text)

    def test_long_text_is_cut_at_a_line_with_a_note_of_what_is_left_out(self):
        text = self.report(5_000)
        out = sa.trim(text, 65_536, "characters", "the `stratc-report` artifact")
        self.assertLessEqual(len(out), 65_536)
        self.assertIn("### Needs attention", out)
        self.assertIn("more lines of “Findings introduced” are left out", out)
        self.assertIn("Sections left out: “Documents changed”", out)
        self.assertIn("The full report is in the `stratc-report` artifact", out)
        # Whole lines only: every kept table row is complete.
        body = out.split("\n\n> ✂️")[0]
        for line in body.splitlines():
            if line.startswith("| error"):
                self.assertTrue(line.endswith("|"), line)

    def test_whole_sections_are_kept_while_they_fit(self):
        text = self.report(10) + "### Big\n\n" + "y" * 200_000 + "\n### After\n\n- z\n"
        out = sa.trim(text, 65_536, "characters", "x")
        self.assertIn("### Documents changed", out)
        self.assertIn("Sections left out: “After”", out)

    def test_summary_limit_counts_bytes(self):
        text = "## s\n\n" + "é\n" * 600_000  # 1.8 MB in UTF-8, 1.2 M characters
        out = sa.trim(text, sa.SUMMARY_LIMIT, "bytes", "x")
        self.assertLessEqual(len(out.encode()), sa.SUMMARY_LIMIT)
        self.assertIn("1,048,576 bytes", out)

    def test_comment_body_starts_with_the_marker_and_stays_under_the_limit(self):
        body = sa.comment_body(self.report(10_000), "<!-- stratc-diff:strategy -->", "x")
        self.assertTrue(body.startswith("<!-- stratc-diff:strategy -->\n## stratc diff"))
        self.assertLess(len(body), 65_536 + 1)
        self.assertIn("✂️", body)
        self.assertIn("no report", sa.comment_body("", "<!-- m -->", "x"))


class Marker(unittest.TestCase):
    def test_the_bots_marked_comment_is_found(self):
        comments = [
            {"id": 1, "body": "looks good", "user": {"type": "User"}},
            {"id": 2, "body": "> <!-- m -->\nquoted", "user": {"type": "User"}},
            {"id": 3, "body": "<!-- m -->\nhand-copied", "user": {"type": "User"}},
            {"id": 4, "body": "<!-- m -->\nreport", "user": {"type": "Bot"}},
        ]
        self.assertEqual(sa.find_marked(comments, "<!-- m -->")["id"], 4)
        self.assertEqual(sa.find_marked(comments[:3], "<!-- m -->")["id"], 3)
        self.assertIsNone(sa.find_marked(comments[:2], "<!-- m -->"))
        # Another root's marker is another comment.
        self.assertIsNone(sa.find_marked(comments, "<!-- m2 -->"))


class FakeApi(BaseHTTPRequestHandler):
    """Issue comments of one pull request, in memory; 150 unrelated
    comments first, so the lookup must page."""

    comments: list[dict] = []
    calls: list[tuple[str, str]] = []

    def log_message(self, *args):
        pass

    def reply(self, value, status=200):
        data = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def body(self):
        return json.loads(self.rfile.read(int(self.headers["Content-Length"])))

    def do_GET(self):
        FakeApi.calls.append(("GET", self.path))
        page = int(self.path.split("page=")[-1])
        self.reply(FakeApi.comments[(page - 1) * 100 : page * 100])

    def do_POST(self):
        FakeApi.calls.append(("POST", self.path))
        c = {"id": 1000 + len(FakeApi.comments), "body": self.body()["body"], "user": {"type": "Bot"}}
        FakeApi.comments.append(c)
        self.reply(c, 201)

    def do_PATCH(self):
        FakeApi.calls.append(("PATCH", self.path))
        cid = int(self.path.rsplit("/", 1)[-1])
        for c in FakeApi.comments:
            if c["id"] == cid:
                c["body"] = self.body()["body"]
        self.reply({"id": cid})


class StickyComment(unittest.TestCase):
    def test_created_once_then_updated_in_place(self):
        FakeApi.comments = [{"id": i, "body": f"chat {i}", "user": {"type": "User"}} for i in range(150)]
        FakeApi.calls = []
        server = HTTPServer(("127.0.0.1", 0), FakeApi)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            gh = sa.GitHub(f"http://127.0.0.1:{server.server_port}", "token")
            first = sa.upsert_comment(gh, "o/r", 7, "<!-- m -->\nv1", "<!-- m -->")
            second = sa.upsert_comment(gh, "o/r", 7, "<!-- m -->\nv2", "<!-- m -->")
        finally:
            server.shutdown()
            server.server_close()
        self.assertTrue(first.startswith("created"), first)
        self.assertTrue(second.startswith("updated"), second)
        marked = [c for c in FakeApi.comments if c["body"].startswith("<!-- m -->")]
        self.assertEqual(len(marked), 1)
        self.assertEqual(marked[0]["body"], "<!-- m -->\nv2")
        self.assertIn(("GET", "/repos/o/r/issues/7/comments?per_page=100&page=2"), FakeApi.calls)


class Sarif(unittest.TestCase):
    def sarif(self, errors: int, warnings: int) -> dict:
        def result(level, i):
            return {
                "ruleId": "X",
                "level": level,
                "message": {"text": str(i)},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a.yaml", "uriBaseId": "%SRCROOT%"}}}],
            }

        results = [result("warning", i) for i in range(warnings)] + [result("error", i) for i in range(errors)]
        return {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "stratc"}}, "results": results}]}

    def test_results_are_capped_per_run_errors_first_with_a_note(self):
        out, dropped = sa.cap_sarif(self.sarif(errors=30, warnings=70), "strategy", limit=50)
        run = out["runs"][0]
        self.assertEqual(dropped, 50)
        self.assertEqual(len(run["results"]), 50)
        self.assertEqual(sum(r["level"] == "error" for r in run["results"]), 30)
        self.assertEqual(run["properties"]["stratcResultsLeftOut"], 50)
        note = run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]
        self.assertIn("50 results left out", note)

    def test_uris_become_repository_paths(self):
        out, dropped = sa.cap_sarif(self.sarif(1, 0), "strategy")
        self.assertEqual(dropped, 0)
        uri = out["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        self.assertEqual(uri, "strategy/a.yaml")

    def test_the_real_limit_is_githubs(self):
        self.assertEqual(sa.SARIF_RESULTS, 25_000)
        self.assertEqual(sa.COMMENT_LIMIT, 65_536)
        self.assertEqual(sa.SUMMARY_LIMIT, 1 << 20)
        self.assertEqual(sa.ANNOTATIONS_PER_LEVEL, 10)


class InstallAndGate(unittest.TestCase):
    def test_version_of_the_package(self):
        toml = '[package]\nname = "stratc"\nversion = "0.3.1"\n[dependencies]\nx = { version = "1" }\n'
        self.assertEqual(sa.cargo_version(toml), "0.3.1")

    def test_a_version_other_than_the_checkout_is_refused(self):
        with tempfile.TemporaryDirectory() as d:
            Path(d, "Cargo.toml").write_text('[package]\nversion = "0.1.0"\n')
            code = sa.main(["install", "--source", d, "--root", d, "--version", "v0.2.0"])
            self.assertEqual(code, 1)

    def test_fail_on(self):
        self.assertEqual(sa.gate("error", 1, 0, 0)[0], 1)
        self.assertEqual(sa.gate("error", 0, 5, 0)[0], 0)
        self.assertEqual(sa.gate("warning", 0, 5, 0)[0], 1)
        self.assertEqual(sa.gate("error", 0, 0, 1)[0], 1)
        self.assertEqual(sa.gate("error", 0, 0, 2)[0], 1)
        self.assertEqual(sa.gate("never", 9, 9, 2)[0], 0)
        self.assertEqual(sa.gate("error", 0, 0, None)[0], 0)

    def test_outputs_go_to_the_github_output_file(self):
        with tempfile.TemporaryDirectory() as d:
            report = Path(d, "check.json")
            report.write_text(json.dumps({"summary": {"errors": 2, "warnings": 3}, "findings": []}))
            out = Path(d, "out")
            os.environ["GITHUB_OUTPUT"] = str(out)
            try:
                sa.main(["annotate", str(report)])
            finally:
                del os.environ["GITHUB_OUTPUT"]
            self.assertEqual(out.read_text(), "errors=2\nwarnings=3\n")


HERE = Path(__file__).resolve().parent

FAKE_STRATC = """#!/usr/bin/env bash
echo "$*" >> "$FAKE_LOG"
case " $* " in
  *" --format json "*) echo '{"labels": ["pricing-loosened", "raci-changed"], "summary": {}}' ;;
  *) echo "report: $*" ;;
esac
exit "${FAKE_EXIT:-0}"
"""


class ShellSteps(unittest.TestCase):
    """check.sh and diff.sh against a stand-in `stratc` that records its
    arguments and exits as told."""

    def run_step(self, script: str, env: dict, cwd: str | None = None):
        d = tempfile.mkdtemp()
        bin_dir = Path(d, "bin")
        bin_dir.mkdir()
        fake = bin_dir / "stratc"
        fake.write_text(FAKE_STRATC)
        fake.chmod(0o755)
        out = Path(d, "github_output")
        full = {
            **os.environ,
            "PATH": f"{bin_dir}:{os.environ['PATH']}",
            "OUT": str(Path(d, "report")),
            "GITHUB_OUTPUT": str(out),
            "FAKE_LOG": str(Path(d, "log")),
            **env,
        }
        p = subprocess.run(["bash", str(HERE / script)], env=full, cwd=cwd or d, capture_output=True, text=True)
        outputs = dict(l.split("=", 1) for l in out.read_text().splitlines()) if out.exists() else {}
        log = Path(d, "log").read_text().splitlines() if Path(d, "log").exists() else []
        return p, outputs, log, Path(d, "report")

    def test_check_writes_every_report_and_leaves_failing_to_the_gate(self):
        p, outputs, log, report = self.run_step(
            "check.sh", {"STRATC_ROOT": "strategy", "STRATC_ARGS": "--deny warnings", "FAKE_EXIT": "1"}
        )
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(outputs, {"exit": "1"})
        self.assertEqual(sorted(f.name for f in report.iterdir()), ["check.json", "check.md", "stratc.raw.sarif"])
        self.assertEqual(log[0], "check strategy --format json --deny warnings")

    def test_check_stops_when_stratc_cannot_run(self):
        p, _, _, _ = self.run_step("check.sh", {"STRATC_ROOT": ".", "FAKE_EXIT": "2"})
        self.assertEqual(p.returncode, 2)
        self.assertIn("could not run", p.stdout)

    def test_diff_without_a_base_does_nothing(self):
        p, outputs, log, _ = self.run_step("diff.sh", {"STRATC_ROOT": ".", "STRATC_BASE": ""})
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(outputs, {"ran": "false"})
        self.assertEqual(log, [])

    def test_diff_reports_its_exit_code_and_labels(self):
        repo = tempfile.mkdtemp()
        git = ["git", "-C", repo, "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"]
        subprocess.run(git[:3] + ["init", "-q"], check=True)
        subprocess.run(git + ["commit", "-q", "--allow-empty", "-m", "base"], check=True)
        p, outputs, log, report = self.run_step(
            "diff.sh", {"STRATC_ROOT": "strategy", "STRATC_BASE": "HEAD", "FAKE_EXIT": "1"}, cwd=repo
        )
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(outputs, {"ran": "true", "exit": "1", "labels": "pricing-loosened,raci-changed"})
        self.assertEqual(log[0], "diff strategy --base HEAD")
        self.assertTrue((report / "diff.md").read_text().startswith("report: diff"))


class CompositeAsWorkflow(unittest.TestCase):
    def test_the_steps_and_inputs_of_action_yml_become_a_workflow(self):
        try:
            import yaml
        except ImportError:
            if os.environ.get("CI") == "true":
                raise
            self.skipTest("PyYAML is not installed")
        import composite_as_workflow as caw

        action = yaml.safe_load((HERE.parent.parent / "action.yml").read_text())
        wf = caw.as_workflow(action)
        self.assertEqual(list(wf["on"]["workflow_call"]["inputs"]), list(action["inputs"]))
        self.assertEqual(wf["jobs"]["action"]["steps"], action["runs"]["steps"])
        self.assertNotIn("default", wf["on"]["workflow_call"]["inputs"]["github-token"])


if __name__ == "__main__":
    unittest.main()
