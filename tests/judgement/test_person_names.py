"""person_names: the parts of an owner cell the owner judge reads as a person's name.

The command line and import use it so that a name beside a role decides who is meant: "Priya
Shah (Clinical Lead)" is Priya Shah, not whoever holds the role, while "Registered Manager,
Willowbrook" and "Registered Manager - Ward 3" name a post and where it is, and no one by name.
"""

from __future__ import annotations

import pytest

from govtool.judgement import judge_owner
from govtool.judgement.owner import person_names


@pytest.mark.parametrize(("owner", "names"), [
    # A name beside a post, either side of it, in brackets, after a comma or a dash.
    ("Priya Shah (Clinical Lead)", ["Priya Shah"]),
    ("Clinical Lead - Priya Shah", ["Priya Shah"]),
    ("Registered Manager – Priya Shah", ["Priya Shah"]),
    ("Priya Shah - CL", ["Priya Shah"]),
    ("Sam Lee, Director of Quality and Standards", ["Sam Lee"]),
    ("Clinical Lead: Priya Shah", ["Priya Shah"]),
    # Initials, titles, accents, apostrophes, lower case.
    ("J. Smith (RM)", ["J. Smith"]),
    ("Dr Patel (Clinical Lead)", ["Dr Patel"]),
    ("Seán Ó Murchú (HoC)", ["Seán Ó Murchú"]),
    ("Siobhán O'Brien (Clinical Lead)", ["Siobhán O'Brien"]),
    ("priya shah (clinical lead)", ["priya shah"]),
    # A surname that is a post, or a name with a role's initials in it, beside a post.
    ("Ellie Cook (Practice Nurse)", ["Ellie Cook"]),
    ("Zoe Ni Bhriain (HoC)", ["Zoe Ni Bhriain"]),
    # One word before a post is who holds it.
    ("Priya (Clinical Lead)", ["Priya"]),
    ("Jane (RM)", ["Jane"]),
    # Where a person works is not a name.
    ("Jane Smith, Estates", ["Jane Smith"]),
    ("Jane Smith (Care team)", ["Jane Smith"]),
    ("Jane Smith, Willowbrook House", ["Jane Smith"]),
    # "Ward" after a name is as often a surname.
    ("Matron, Emma Ward", ["Emma Ward"]),
    # No one named: a post, with a place, a department, or one word after it.
    ("Registered Manager", []),
    ("Registered Manager, Willowbrook", []),
    ("Registered Manager (Willowbrook)", []),
    ("Registered Manager - Ward 3", []),
    ("Registered Manager, Oak Unit", []),
    ("Registered Manager, Willowbrook House", []),
    ("Registered Manager - Oak Lodge", []),
    ("Registered Manager, Estates", []),
    ("Director of Nursing (DoN)", []),
    ("HoC", []),
    ("Chief Operating Officer (w/e/f 01/07/2016)", []),
    # A word on its own may be a first name or a place: not read as either here.
    ("Jane", []),
])
def test_the_parts_read_as_a_persons_name(owner: str, names: list[str]) -> None:
    assert person_names(owner) == names


def test_it_says_who_is_named_not_how_many(owner: str = "Jane Smith (RM), Sam Patel (DM)") -> None:
    """Two people named: both names, in order; the verdict on them is judge_owner's."""
    assert person_names(owner) == ["Jane Smith", "Sam Patel"]
    assert judge_owner(owner) is not None
    assert person_names("Jane Smith / Sam Patel") == ["Jane Smith", "Sam Patel"]


def test_a_home_beside_a_person_is_where_she_works_not_a_second_owner() -> None:
    assert judge_owner("Jane Smith, Willowbrook House") is None
    assert judge_owner("Willowbrook House, Oak Lodge") is not None  # two homes name no one
