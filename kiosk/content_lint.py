"""`kiosk content lint PATH`: the plain-language check of a pack, printed for content authors.

The rules live in kiosk.core.plain_language (the in-app editor calls the same code); this
module only reads the pack, prints the findings grouped by tutorial, and gives the exit code.
"""

from __future__ import annotations

import sys
from itertools import groupby
from pathlib import Path
from typing import TextIO

from kiosk.core.pack_reader import PackError, read_pack
from kiosk.core.plain_language import Finding, Severity, lint_pack


def count_label(count: int, singular: str, plural: str) -> str:
    """French plural: 0 and 1 take the singular."""
    return f"{count} {singular if count < 2 else plural}"


def summary(findings: list[Finding]) -> str:
    """« 3 erreurs, 5 avertissements »."""
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = len(findings) - errors
    return (
        f"{count_label(errors, 'erreur', 'erreurs')}, "
        f"{count_label(warnings, 'avertissement', 'avertissements')}"
    )


def run_lint(path: str | Path, stream: TextIO | None = None) -> int:
    """Check a pack folder or .zip; 0 when no error (warnings allowed), 1 otherwise."""
    out = stream or sys.stderr
    try:
        pack = read_pack(path)
    except PackError as error:
        count = count_label(len(error.problems), "problème", "problèmes")
        print(f"Le paquet {path} ne peut pas être lu ({count}) :", file=out)
        for problem in error.problems:
            print(f"- {problem}", file=out)
        print("Corrigez d'abord le paquet : « kiosk pack validate » aide.", file=out)
        return 1
    findings = lint_pack(pack)
    titles = {tutorial.id: tutorial.title.get("fr", "") for tutorial in pack.tutorials}
    print(f"Langage clair, paquet {pack.id} :", file=out)
    for tutorial_id, group in groupby(findings, key=lambda f: f.tutorial_id):
        found = list(group)
        print(f"\n{tutorial_id} « {titles[tutorial_id]} » ({summary(found)}) :", file=out)
        for finding in found:
            where = f"étape {finding.step}" if finding.step else "présentation et fin"
            print(
                f"- {where} ({finding.field}) : {finding.severity.label} : {finding.message}",
                file=out,
            )
    has_errors = any(f.severity is Severity.ERROR for f in findings)
    print(f"\nTotal : {summary(findings)}.", file=out)
    if has_errors:
        print("Corrigez les erreurs. Les avertissements sont des conseils à relire.", file=out)
    elif findings:
        print("Aucune erreur. Relisez les avertissements : ce sont des conseils.", file=out)
    else:
        print("Tous les textes sont clairs. Bravo !", file=out)
    return 1 if has_errors else 0
