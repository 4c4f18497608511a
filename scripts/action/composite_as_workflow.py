#!/usr/bin/env python3
"""Writes action.yml's composite steps as a workflow, so actionlint checks
them too.

actionlint lints workflows only: given action.yml it reports a workflow
without `on` and `jobs`. For a workflow that uses a local action (`uses: ./`)
it reads the action's metadata and checks the `with:` inputs against it, but
it never looks at the composite steps themselves. This script wraps those
steps in a reusable (`workflow_call`) workflow with the same inputs, so actionlint
checks their expressions, contexts, action inputs and (with shellcheck
installed) their `run:` scripts. The output is for linting, never for running.

Usage: composite_as_workflow.py action.yml > /tmp/action-as-workflow.yml
"""

import sys

import yaml


def as_workflow(action: dict) -> dict:
    runs = action.get("runs", {})
    if runs.get("using") != "composite":
        raise SystemExit("not a composite action")
    inputs = {
        name: {
            "description": spec.get("description", name),
            "type": "string",
            # `${{ github.token }}`-style defaults are not allowed in
            # workflow inputs; the expression is checked in the steps.
            **({"default": spec["default"]} if "${{" not in str(spec.get("default", "")) else {}),
        }
        for name, spec in (action.get("inputs") or {}).items()
    }
    return {
        "name": f"{action.get('name', 'action')} (composite steps, for actionlint)",
        "on": {"workflow_call": {"inputs": inputs}},
        "permissions": {"contents": "read"},
        "jobs": {"action": {"runs-on": "ubuntu-latest", "steps": runs.get("steps", [])}},
    }


def main() -> int:
    with open(sys.argv[1], encoding="utf-8") as f:
        action = yaml.safe_load(f)
    yaml.safe_dump(as_workflow(action), sys.stdout, sort_keys=False, width=200)
    return 0


if __name__ == "__main__":
    sys.exit(main())
