"""Regulator vocabulary the reports print: regulation titles, key questions, labels."""

from __future__ import annotations

from govtool.register.vocabulary import SOURCE_TYPE_LABELS, STATUS_LABELS

#: The Health and Social Care Act 2008 (Regulated Activities) Regulations 2014.
REGULATIONS: dict[str, str] = {
    "9": "Person-centred care",
    "9A": "Visiting and accompanying in care homes, hospitals and hospices",
    "10": "Dignity and respect",
    "11": "Need for consent",
    "12": "Safe care and treatment",
    "13": "Safeguarding service users from abuse and improper treatment",
    "14": "Meeting nutritional and hydration needs",
    "15": "Premises and equipment",
    "16": "Receiving and acting on complaints",
    "17": "Good governance",
    "18": "Staffing",
    "19": "Fit and proper persons employed",
    "20": "Duty of candour",
    "20A": "Requirement as to display of performance assessments",
}

#: CQC's five key questions, in the order its reports use.
KEY_QUESTIONS: dict[str, str] = {
    "safe": "Safe",
    "effective": "Effective",
    "caring": "Caring",
    "responsive": "Responsive",
    "well-led": "Well-led",
}

EFFECTIVENESS: dict[str, str] = {"effective": "Effective", "partial": "Partial", "inadequate": "Inadequate"}


def regulation_label(number: str | None) -> str | None:
    """'Regulation 12: Safe care and treatment' (or the number alone when unknown)."""
    if not number:
        return None
    title = REGULATIONS.get(number.strip().upper())
    return f"Regulation {number}: {title}" if title else f"Regulation {number}"


def regulation_sort_key(number: str | None) -> tuple[int, str]:
    """9 < 9A < 10 < ... (numeric, then suffix); missing numbers last."""
    if not number:
        return (999, "")
    digits = "".join(ch for ch in number if ch.isdigit())
    return (int(digits) if digits else 998, number)


def key_question_label(value: str | None) -> str | None:
    if not value:
        return None
    return KEY_QUESTIONS.get(value, value)


def key_question_order(value: str | None) -> int:
    keys = list(KEY_QUESTIONS)
    return keys.index(value) if value in KEY_QUESTIONS else len(keys)


def source_type_label(value: str | None) -> str:
    return SOURCE_TYPE_LABELS.get(value or "", value or "Unknown type")


def status_label(value: str | None) -> str:
    return STATUS_LABELS.get(value or "", value or "No status")
