"""vague-action on each held-out part as it was first measured: the forms alone, and with the
wording model, both as they stood before anyone had read the part.

    pip install '.[train]'
    python bench/judgement_backtest.py [--parts 6,7,...] [--misses] [--thresholds]
    python bench/judgement_backtest.py --completion [--parts 6,7,...]

A held-out part is honest once: after it is measured, the forms are tuned on it. To ask
whether the wording model (govtool/judgement/wording.py) helps on writers nobody had read,
each part is judged by the forms of the commit that first measured it (read from this
repository's history with ``git archive``, never from the working tree), and by a model
fitted on the documents collected before the part only (and on the written sets, as the
shipped model is). The two are combined as ``judge_action`` combines them today. One
difference: which forms no wording may overrule is read from today's forms, since the
forms of those days named no tests.

``--completion`` does the same for completion-without-change and its wording model (round
30): each part's completion notes judged by the forms of the commit that first measured it,
then let through where a model fitted on the earlier documents' notes (and the written closure
sets) reads them as change notes, at a grid of thresholds.

Needs the repository's history (a full clone) and scikit-learn (the ``train`` extra).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govtool.judgement import action  # noqa: E402
from govtool.judgement import completion as completion_module  # noqa: E402
from tests.judgement.realworld import corpus, train  # noqa: E402


@dataclass(frozen=True)
class Part:
    name: str
    first: int  # first and last document numbers (a part is a range of them)
    last: int
    judges: str  # the commit whose judges first measured the part

    def holds(self, item: corpus.Item) -> bool:
        return self.first <= int(item.doc.lstrip("D")) <= self.last


# The commits are those the README beside the corpus names as each part's first measurement
# (the parent of the commit that added the part; the eleventh part's, before round 12; the
# twelfth's and thirteenth's, after round 15, the fourteenth's, after round 17, and the
# fifteenth's, after round 18, the sixteenth's, after round 19, the seventeenth's, after
# the stop that followed it, the eighteenth's, after round 21, the nineteenth's, after
# round 22, the twentieth's, after round 23, and the twenty-first's, after round 24: the forms
# of all ten are read without their day's wording model).
PARTS = (
    Part("6", 700, 799, "2cc210f64f6b5675d6667993d7aaf69205c30a26"),
    Part("7", 800, 899, "8dd37f191840030321f465024d89edaf531df625"),
    Part("8", 900, 999, "2fca3bbfcbc9adda38253ab6f189af9739cb3b4b"),
    Part("9", 1000, 1099, "5f80c8849172dc2830143df19b43002558c85d42"),
    Part("10", 1100, 1199, "cb9325bb0c0fb2a8b439f81078260c19332c00e1"),
    Part("11", 1200, 1399, "1e7ebbc0e963eed87386efa4dcf0d30abe52d607"),
    Part("12", 1400, 1599, "0ef71954dbbd7f1574efe0003203e30f7884277d"),
    Part("13", 1600, 1699, "9571070c74943dceb4c48f2c418f68b40ba34f0d"),
    Part("14", 1700, 1799, "af2f9ee8869fd01fc7f4f6e40468cedb3b2baf9b"),
    Part("15", 1800, 1899, "7a52f9321931dd13f7b990a332365a4052cb6fd1"),
    Part("16", 1900, 1999, "5d0c5f197cf6c70acc5d9118312cd26c8f9104a0"),
    Part("17", 2000, 2099, "4b1714d393116d9a86fd1099be8fef0c5d1dc1db"),
    Part("18", 2100, 2399, "9c814e609d969f426ec93f99f46af7510f612be7"),
    Part("19", 2400, 2699, "25043146dd7e92cd667a4c32e1e23cdc3935d5e5"),
    Part("20", 2700, 2999, "d93aecc4fd3c09b665b6d2e803b02b846f00c256"),
    Part("21", 3000, 3399, "6da31d022e4cb25a407d005b70597538f17a5b93"),
    Part("22", 3400, 3699, "4118d2b713f37f79a7956202a0e321854c5772c9"),
    Part("23", 3700, 3999, "94f040a8549704fb840bbacd7bac0e193a127868"),
    Part("24", 4000, 4399, "aa538c3244c09b30cfe98f96e9ec19407f54562c"),
    Part("25", 4400, 4999, "8cfbe2c8d59cdc8e0544e7f5476cba1958bfae6e"),
    Part("26", 5000, 5499, "432782e89d446565ba7079a49f49fab82dbaa796"),
)

# Run inside the old tree: each item's final verdict, and whether a form found anything.
_OLD_JUDGES = """
import json, sys
from govtool.judgement import action
texts = json.load(sys.stdin)
def forms_alone(text):
    # From round 15 on, judge_action includes the wording model of its day: the forms' own
    # verdict is _judge_forms's.
    text = action.as_text(text)
    try:
        verdict, found = action._judge_forms(text, None, None)
    except TypeError:
        verdict, found = action._judge_forms(text)
    return [verdict is not None, found]
def form_found(text):
    text = action.as_text(text) if hasattr(action, "as_text") else text
    setting = getattr(action, "_SETTING_OPENING_RE", None)
    found = action._judge_title(text) is not None
    if not found and setting is not None and setting.match(text):
        found = action._judge_title(text[setting.match(text).end():]) is not None
    return found
if hasattr(action, "_judge_forms"):
    print(json.dumps([forms_alone(t) if action.as_text(t) else [True, True] for t in texts]))
else:
    print(json.dumps([[action.judge_action(t) is not None, form_found(t)] for t in texts]))
"""


# The same for completion-without-change, whose forms were judge_completion itself until round 30.
_OLD_COMPLETION_JUDGE = """
import json, sys
from govtool.judgement import completion
texts = json.load(sys.stdin)
judge = getattr(completion, "_judge_forms", completion.judge_completion)
print(json.dumps([judge(t) is not None for t in texts]))
"""


def _judged_in_old_tree(commit: str, script: str, texts: list[str]) -> list:
    """What ``script`` prints for ``texts``, run in the judges of ``commit``."""
    with tempfile.TemporaryDirectory() as tree:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "govtool"],
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", tree], input=archive, check=True)
        result = subprocess.run([sys.executable, "-c", script], cwd=tree, input=json.dumps(texts),
                                capture_output=True, text=True, check=True, env={"PYTHONPATH": tree})
    return json.loads(result.stdout)


def old_verdicts(commit: str, texts: list[str]) -> list[tuple[bool, bool]]:
    return [(flagged, found) for flagged, found in _judged_in_old_tree(commit, _OLD_JUDGES, texts)]


def scored_by_earlier_documents(part: Part, labelled: list[corpus.Item],
                                written: list[tuple[str, bool]]) -> tuple[list[corpus.Item], list[float]]:
    """The part's items of ``labelled``, each with the probability of bad that a model fitted
    on the documents collected before the part (and on the written sets) gives it."""
    earlier = [item for item in labelled if int(item.doc.lstrip("D")) < part.first]
    items = [item for item in labelled if part.holds(item)]
    model = train.fitted_pipeline([i.text for i in earlier] + [t for t, _ in written],
                                  [i.bad for i in earlier] + [v for _, v in written])
    return items, [float(p) for p in model.predict_proba([item.text for item in items])[:, 1]]


def combined(flagged: bool, form_found: bool, vague: float, text: str) -> bool:
    """judge_action's combination, given the forms' verdict of that day (which named no test:
    the test is today's forms' verdict on the same text)."""
    if flagged:
        forms_now = action._judge_forms(action.as_text(text))[0]
        return action.form_stands(forms_now.trigger if forms_now else "", vague, action.as_text(text))
    return action.wording_flags(form_found, vague)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parts", default=",".join(p.name for p in PARTS), help="which parts (default: all)")
    parser.add_argument("--misses", action="store_true", help="list each item the two verdicts differ on")
    parser.add_argument("--thresholds", action="store_true",
                        help="also pool every part under a grid of the wording model's two thresholds")
    parser.add_argument("--completion", action="store_true",
                        help="completion-without-change and its wording model instead")
    args = parser.parse_args()
    if not train.have_scikit_learn():
        return 2
    chosen = [p for p in PARTS if p.name in args.parts.split(",")]
    if args.completion:
        completion_backtest(chosen)
        return 0
    actions = [item for item in corpus.load() if item.kind == "action"]
    written = train.written_actions()
    totals = {"forms": [0, 0, 0, 0], "forms + wording": [0, 0, 0, 0]}
    judged: list[tuple[corpus.Item, bool, bool, float]] = []  # for --thresholds
    print(f"{'part':5} {'forms of the day':>24} {'with the wording model':>26}")
    for part in chosen:
        items, vague = scored_by_earlier_documents(part, actions, written)
        row = []
        for item, (flagged, found), p in zip(items, old_verdicts(part.judges, [i.text for i in items]), vague, strict=True):
            judged.append((item, flagged, found, float(p)))
            with_model = combined(flagged, found, float(p), item.text)
            for name, verdict in (("forms", flagged), ("forms + wording", with_model)):
                count = totals[name]
                count[0 if item.bad else 2] += verdict
                count[1 if item.bad else 3] += 1
            if args.misses and flagged != with_model:
                print(f"  {'flagged' if with_model else 'passed '} now, {item.label:8} p={p:.2f} {item.text[:90]}")
            row.append((flagged, with_model, item.bad))
        cells = []
        for index in (0, 1):
            caught = sum(r[index] and r[2] for r in row)
            flagged_good = sum(r[index] and not r[2] for r in row)
            bad = sum(r[2] for r in row)
            cells.append(f"{caught:3}/{bad:<3} {flagged_good:3}/{len(row) - bad:<3}")
        print(f"{part.name:5} {cells[0]:>24} {cells[1]:>26}")
    for name, (caught, bad, flagged, good) in totals.items():
        print(f"pooled, {name}: {caught}/{bad} caught ({caught / bad:.1%}), {flagged}/{good} flagged ({flagged / good:.1%})")
    if args.thresholds:
        print_threshold_grid(judged)
    return 0


def print_threshold_grid(judged: list[tuple[corpus.Item, bool, bool, float]]) -> None:
    """Every part pooled under each pair of thresholds, with the costs that choose between them:
    misses plus twice, and plus three times, the false alarms (a false alarm costs more)."""
    chosen = (action._WORDING_SPECIFIC_BELOW, action._WORDING_VAGUE_FROM)
    print(f"\n{'specific below':>14} {'vague from':>10} {'caught':>12} {'flagged':>13} {'m+2f':>5} {'m+3f':>5}")
    try:
        for below in (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8):
            for vague_from in (0.8, 0.85, 0.9, 0.95, 1.01):
                action._WORDING_SPECIFIC_BELOW, action._WORDING_VAGUE_FROM = below, vague_from
                verdicts = [(item.bad, combined(flagged, found, p, item.text)) for item, flagged, found, p in judged]
                bad = sum(b for b, _ in verdicts)
                caught = sum(b and v for b, v in verdicts)
                flagged = sum(v and not b for b, v in verdicts)
                mark = "  <- shipped" if (below, vague_from) == chosen else ""
                print(f"{below:14} {vague_from:10} {caught:5}/{bad:<5} {flagged:5}/{len(verdicts) - bad:<6} "
                      f"{bad - caught + 2 * flagged:5} {bad - caught + 3 * flagged:5}{mark}")
    finally:
        action._WORDING_SPECIFIC_BELOW, action._WORDING_VAGUE_FROM = chosen


def completion_backtest(chosen: list[Part]) -> None:
    """Each part's completion notes: flagged by the forms of the day or by the wording model of
    the documents before it (where it reads a note plainly as a completion), and still flagged
    once that model has let through those it reads as change notes (where judge_completion
    lets the wording weigh)."""
    notes = [item for item in corpus.load() if item.kind == "closure"]
    written = train.written_closures()
    judged: list[Scored] = []
    shipped_from = completion_module._WORDING_COMPLETION_FROM
    print(f"{'part':5} {'forms of the day':>24} {'with the wording model':>26}")
    for part in chosen:
        items, completion = scored_by_earlier_documents(part, notes, written)
        flags = _judged_in_old_tree(part.judges, _OLD_COMPLETION_JUDGE, [i.text for i in items])
        rows = [(item.bad, flagged, float(p), completion_module.wording_may_weigh(item.text),
                 completion_module.wording_may_flag(item.text))
                for item, flagged, p in zip(items, flags, completion, strict=True)]
        judged += rows
        print(f"{part.name:5} {_caught_flagged(rows, 0.0, 1.01):>24} "
              f"{_caught_flagged(rows, completion_module._WORDING_CHANGE_BELOW, shipped_from):>26}")
    print(f"\n{'let through under':>17} {'flag from':>9} {'caught':>12} {'flagged':>13} {'m+2f':>5} {'m+3f':>5}")
    bad = sum(row[0] for row in judged)
    for below in (0.0, 0.3, 0.4, 0.5, 0.6):
        for flag_from in (0.85, 0.9, 1.01):
            caught, flagged = _counts(judged, below, flag_from)
            shipped = (below, flag_from) == (completion_module._WORDING_CHANGE_BELOW, shipped_from)
            print(f"{below:17} {flag_from:9} {caught:5}/{bad:<5} {flagged:5}/{len(judged) - bad:<6} "
                  f"{bad - caught + 2 * flagged:5} {bad - caught + 3 * flagged:5}{'  <- shipped' if shipped else ''}")


# (a completion, flagged by the forms of the day, the model's probability of a completion,
# whether judge_completion lets the wording weigh against the forms' flag, and flag alone)
Scored = tuple[bool, bool, float, bool, bool]


def _counts(rows: list[Scored], below: float, flag_from: float) -> tuple[int, int]:
    """Completions caught and change notes flagged when the wording lets a flagged note through
    under ``below`` and flags a passed one from ``flag_from``, as judge_completion does."""
    verdicts = [(bad, (p >= below or not weighs) if flagged else (flags and p >= flag_from))
                for bad, flagged, p, weighs, flags in rows]
    return sum(b and v for b, v in verdicts), sum(v and not b for b, v in verdicts)


def _caught_flagged(rows: list[Scored], below: float, flag_from: float) -> str:
    bad = sum(row[0] for row in rows)
    caught, flagged = _counts(rows, below, flag_from)
    return f"{caught:3}/{bad:<3} {flagged:3}/{len(rows) - bad:<3}"


if __name__ == "__main__":
    sys.exit(main())
