"""Generate a large, realistic register for benchmarks: ``python bench/generate.py DIR --actions N``.

Deterministic for a given seed. The mix follows a real care-home plan: one source per ten
actions (inspection reports with findings, incidents, audits), one risk per twenty actions, a
people directory of fifty, and actions in every state with the trail each state implies:
progress notes with milestones, some re-dates, completions with evidence, sign-offs. A few
percent of actions carry the mistakes the linter exists for, so the rules have work to do.

``--clean`` writes the register a team keeping it behind the pre-commit hook has instead (the
hook refuses errors, so few problems stand): dates around the day it is generated (pending
actions due ahead, recent progress notes with milestones ahead, risks reviewed since their
actions closed, the residual the last review's score), owners and signers from the people who
have not left, sign-offs by someone other than the owner, every finding answered, a measure
and evidence on every action (the evidence files present), at most one re-date.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

import yaml

ROLES = ["Registered Manager", "Deputy Manager", "Clinical Lead", "Senior Carer", "Unit Manager",
         "Quality Lead", "Activities Coordinator", "Maintenance Lead", "Chef Manager", "Training Lead"]
FIRST = ["Jane", "Sam", "Amy", "Priya", "Tom", "Grace", "Liam", "Fatima", "Owen", "Chloe", "Ravi", "Ellen"]
LAST = ["Smith", "Patel", "Jones", "Shah", "Evans", "Taylor", "Brown", "Khan", "Hughes", "Wilson"]
VERBS = ["Introduce", "Add", "Replace", "Train", "Audit", "Fit", "Record", "Publish", "Check", "Move"]
OBJECTS = [
    "a weekly audit of 10 MAR charts, reported to the monthly governance meeting",
    "a signed consent section to every care plan, checked in a monthly audit of 10 plans",
    "the broken sensor mats on Oak unit and log daily checks",
    "all night staff in safe moving and handling, with competency sign-off",
    "fluid intake for residents at risk of dehydration on every shift",
    "the complaints log monthly and report themes to the residents' meeting",
]
VAGUE = ["Improve medicines management", "Ensure care plans are reviewed", "Raise awareness of falls"]
KEY_QUESTIONS = ["safe", "effective", "caring", "responsive", "well-led"]
REGULATIONS = ["9", "10", "11", "12", "13", "17", "18"]
SOURCE_TYPES = ["inspection_report", "mock_inspection", "audit", "incident", "complaint", "safeguarding"]
START = dt.date(2024, 1, 1)


def day(offset: int, start: dt.date = START) -> str:
    return (start + dt.timedelta(days=offset)).isoformat()


def generate(root: Path, actions: int, seed: int = 17, clean: bool = False) -> None:
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    for folder in ("actions", "sources", "risks", "evidence"):
        (root / folder).mkdir(exist_ok=True)
    people = {
        f"{rng.choice(FIRST).lower()}.{rng.choice(LAST).lower()}{i}": {
            "name": f"{rng.choice(FIRST)} {rng.choice(LAST)}", "role": rng.choice(ROLES),
            **({"left": day(rng.randrange(300, 900))} if i % 17 == 0 else {}),
        }
        for i in range(50)
    }
    ids = list(people)
    if clean:
        ids = [person for person, entry in people.items() if "left" not in entry]
    write(root / "govtool.yaml", {"provider": "Benchmark Care Ltd", "location": "Benchmark House", "people": people})

    sources = []
    for s in range(max(1, actions // 10)):
        kind = rng.choice(SOURCE_TYPES)
        findings = [
            {"id": f"F{f + 1}", "text": f"Finding {f + 1}: the provider did not ensure {rng.choice(OBJECTS)}.",
             "regulation": rng.choice(REGULATIONS), "key_question": rng.choice(KEY_QUESTIONS),
             "level": rng.choice(["must", "should"])}
            for f in range(rng.randrange(2, 6))
        ] if kind in ("inspection_report", "mock_inspection", "audit") else []
        source = {"id": f"SRC-B{s:05d}", "type": kind, "title": f"{kind.replace('_', ' ').title()} {s}",
                  "date": day(rng.randrange(0, 600)), "reference": f"REF-{s:05d}",
                  "summary": "What happened, in a sentence or two."}
        if findings:
            source["findings"] = findings
        sources.append(source)
        write(root / "sources" / f"{source['id']}.yaml", source)

    risks = []
    for r in range(max(1, actions // 20)):
        risk = {"id": f"RSK-B{r:05d}", "title": f"Harm because {rng.choice(OBJECTS)} is not in place",
                "owner": rng.choice(ids), "inherent": {"likelihood": 4, "consequence": 4},
                "residual": {"likelihood": rng.randrange(1, 5), "consequence": rng.randrange(1, 5)},
                "controls": [{"id": f"C{c + 1}", "description": f"Control {c + 1}",
                              "effectiveness": rng.choice(["effective", "partial"] if clean else
                                                          ["effective", "partial", "inadequate"])}
                             for c in range(3)],
                "reviews": [{"date": day(600 + 30 * v), "by": rng.choice(ids), "likelihood": 3, "consequence": 3,
                             "note": "Reviewed at governance meeting."} for v in range(2)]}
        if clean:  # reviewed last month and yesterday (after every closure), the residual as scored
            today = dt.date.today()
            for v, review in enumerate(risk["reviews"]):
                review["date"] = (today - dt.timedelta(days=30 - 29 * v)).isoformat()
            risk["residual"] = {"likelihood": 3, "consequence": 3}
        risks.append(risk)
        write(root / "risks" / f"{risk['id']}.yaml", risk)

    for a in range(actions):
        made = clean_action(rng, a, sources, risks, ids, root) if clean else action(rng, a, sources, risks, ids, root)
        write(root / "actions" / f"ACT-B{a:06d}.yaml", made)


def clean_action(rng: random.Random, a: int, sources: list[dict], risks: list[dict], people: list[str],
                 root: Path) -> dict:
    """An action as a register kept behind the pre-commit hook holds it (see the module's notes)."""
    today = dt.date.today()
    on = lambda offset: (today + dt.timedelta(days=offset)).isoformat()  # noqa: E731
    status = rng.choices(["open", "in_progress", "completed", "closed", "cancelled"], [20, 35, 10, 30, 5])[0]
    source = sources[a // 10 % len(sources)]  # ten actions a source, its findings answered in turn
    if status == "cancelled" and a % 10 < 5:  # the first five answer the (at most five) findings
        status = "closed"
    owner = rng.choice(people)
    created = -rng.randrange(60, 400)
    due = rng.randrange(30, 240) if status in ("open", "in_progress") else created + rng.randrange(30, 50)
    record: dict = {"id": f"ACT-B{a:06d}", "title": f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}",
                    "source": source["id"]}
    if source.get("findings"):
        record["finding"] = source["findings"][a % 10 % len(source["findings"])]["id"]
    if rng.random() < 0.2:
        risk = rng.choice(risks)
        record.update(risk=risk["id"], control=rng.choice(risk["controls"])["id"])
    record.update(owner=owner, priority=rng.choice(["high", "medium", "low"]), created=on(created), due=on(due),
                  status=status,
                  measure={"baseline": f"{rng.randrange(40, 80)}% in the last audit",
                           "target": f"{rng.randrange(90, 101)}% of 20 sampled records in two consecutive audits",
                           "method": "monthly audit by the quality lead"})
    if status != "open":
        last = -7 if status == "in_progress" else created + 25
        notes = rng.randrange(1, 5)
        record["updates"] = [{"date": on(last - 7 * (notes - 1 - u)), "by": owner,
                              "note": "Progress this week: audits done, results reported to the governance meeting.",
                              "next_milestone": "Next audit at or above target",
                              "milestone_due": on(last - 7 * (notes - 1 - u) + 14)} for u in range(notes)]
    if rng.random() < 0.25:
        record["redates"] = [{"date": on(created + 10), "from": on(due - 30), "to": on(due),
                              "reason": "Supplier delay", "by": owner}]
    if status in ("completed", "closed"):
        done = created + 28
        path = f"evidence/ACT-B{a:06d}-audit.txt"
        (root / path).write_text("audit\n", encoding="utf-8")
        record["completion"] = {"date": on(done), "by": owner,
                                "change": f"Compliance rose from {rng.randrange(40, 80)}% to "
                                          f"{rng.randrange(90, 101)}% in two consecutive audits",
                                "evidence": [{"url": f"https://docs.example.org/evidence/{a}",
                                              "description": "Audit results"},
                                             {"path": path, "description": "Audit sheet"}]}
    if status == "closed":
        record["closure"] = {"date": on(created + 30), "by": rng.choice([p for p in people if p != owner]),
                             "note": "Evidence checked at the governance meeting."}
    if status == "cancelled":
        record["cancellation"] = {"date": on(created + 30), "by": owner,
                                  "reason": "Superseded by a wider action on the same finding"}
    return record


def action(rng: random.Random, a: int, sources: list[dict], risks: list[dict], people: list[str], root: Path) -> dict:
    created = rng.randrange(0, 700)
    due = created + rng.randrange(30, 240)
    status = rng.choices(["open", "in_progress", "completed", "closed", "cancelled"], [20, 35, 10, 30, 5])[0]
    source = rng.choice(sources)
    record: dict = {"id": f"ACT-B{a:06d}",
                    "title": rng.choice(VAGUE) if rng.random() < 0.03 else f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}",
                    "source": source["id"]}
    if source.get("findings"):
        record["finding"] = rng.choice(source["findings"])["id"]
    if rng.random() < 0.2:
        risk = rng.choice(risks)
        record.update(risk=risk["id"], control=rng.choice(risk["controls"])["id"])
    owner = rng.choice(people) if rng.random() > 0.02 else "Nursing team"
    record.update(owner=owner, priority=rng.choice(["high", "medium", "low"]), created=day(created), due=day(due),
                  status=status)
    if rng.random() > 0.05:
        record["measure"] = {"baseline": f"{rng.randrange(40, 80)}% in the last audit",
                             "target": f"{rng.randrange(90, 101)}% of 20 sampled records in two consecutive audits",
                             "method": "monthly audit by the quality lead"}
    updates = []
    for u in range(rng.randrange(0, 5) if status != "open" else 0):
        updates.append({"date": day(created + 20 * (u + 1)), "by": owner if owner in people else people[0],
                        "note": "Progress this month: audits done, results reported to the governance meeting.",
                        "next_milestone": "Next audit at or above target", "milestone_due": day(created + 20 * (u + 2))})
    if updates:
        record["updates"] = updates
    if rng.random() < 0.25:
        moves = rng.randrange(1, 5)
        record["redates"] = [{"date": day(due - 10 + 30 * m), "from": day(due + 30 * m), "to": day(due + 30 * (m + 1)),
                              "reason": "Supplier delay", "by": people[1]} for m in range(moves)]
        record["due"] = day(due + 30 * moves)
    if status in ("completed", "closed"):
        done = due - rng.randrange(0, 20)
        evidence = [{"url": f"https://docs.example.org/evidence/{a}", "description": "Audit results"}]
        if a % 10 == 0:
            path = f"evidence/ACT-B{a:06d}-audit.txt"
            (root / path).write_text("audit\n", encoding="utf-8")
            evidence.append({"path": path, "description": "Audit sheet"})
        record["completion"] = {"date": day(done), "by": record["owner"],
                                "change": f"Compliance rose from {rng.randrange(40, 80)}% to "
                                          f"{rng.randrange(90, 101)}% in two consecutive audits",
                                "evidence": evidence if rng.random() > 0.03 else []}
    if status == "closed":
        record["closure"] = {"date": record["completion"]["date"], "by": rng.choice(people),
                             "note": "Evidence checked at the governance meeting."}
    if status == "cancelled":
        record["cancellation"] = {"date": day(created + 30), "by": people[0],
                                  "reason": "Superseded by a wider action on the same finding"}
    return record


def write(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--actions", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--clean", action="store_true",
                        help="a register that lints (nearly) clean, as one kept behind the pre-commit hook")
    args = parser.parse_args()
    generate(args.folder, args.actions, args.seed, args.clean)


if __name__ == "__main__":
    main()
