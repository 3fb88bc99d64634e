"""collective-owner: is the owner one accountable person?

Principle: an owner passes unless there is positive evidence that it is not one person.
Personal names cannot be listed (any culture, any spelling), so the judge never looks
for a name; it looks for what groups and lists of people have, which is a small closed
vocabulary:

* a group head noun: "Care *team*", "Night *staff*", "The *home*", "Clinical Governance
  *Committee*" (the head is the last word before any "of"/"for": "*Head* of Housekeeping"
  is a post, "*Board* of directors" a group);
* a plural post: "Ward *managers*", "*Matrons*", "Department *heads*";
* a quantifier: "*All* nurses", "*Each* unit manager", "*Everyone*";
* a department, function or clinical specialty with no post in it: "Housekeeping",
  "Estates", "HR", "Surgery", "E&F"; beside a post it only says where the post works
  ("Head of Nursing – Surgery", "Consultant Nurse – Older People"), and beside a person's
  name where the person works ("Jane Smith, Estates"; a bracketed group too: "Jane Smith
  (Care team)"), except across a slash, which hands the action to two owners ("Ward Manager
  / Estates");
* a count of people: "Clinical leads x3", "Band 7s"; a place on its own: "Oak Unit";
  a placeholder: "TBC", "N/A";
* a list of people: parts joined by "and", "&", "/", "with", "or" or commas, counted as
  people when they hold a name or a post. In apposition the names are the people and a post
  right before or after a name is that person's ("Registered manager - Liam Evans", "Grace
  Taylor (IPC lead)", "Practice IPC Lead – Caroline Welch (Lead Practice Nurse)"); a post
  with no name next to it is one more. A post with a place ("Ward Sister, Ward 12") or a
  grade ("Band 7 – Sarah Mitchell") is one person, a surname that is a post beside a post is
  a name ("Ellie Cook (Practice Nurse)"), and "and" inside a post title is not a list ("Head
  of Estates and Facilities", "Director of Workforce and OD", "Cleaning and Decontamination
  Lead", "Director of Infection Prevention and Control (DIPC)"), nor is "&" or "and" before
  a remit that ends on a function, whatever qualifies it ("Director of Workforce &
  Organisational Development").
* a cell written as a sentence or as "post: name" ("The practice's clinical lead for
  infection control is: Janet Speake – Practice Nurse", "Infection Prevention and Control
  GP: Dr Amanda Murn") is judged by the person it names after the colon or "is": the words
  before only describe the post. Two people after it are still several people;
* people named after "supported by", "assisted by" or "with support from" help the owner
  named before them, who stays the one accountable ("Category Lead supported by
  Safeguarding Adults Leads"; round 9, as published plans were labelled in two batches);
* initials of an organisation or department with no post or name beside them: four letters
  or more ("LBTH Adult social care", "Nursing PCSS IPC"), or three ending on the S of
  "Service" ("MPS"); a person's initials are two or three letters ("MW", "JRL");
* a group noun of leaders or an acronym of one: "Divisional Triumvirate", "Consultant
  body", "DLT" (leadership team); initials ending on the T of "team" ("IPCT", "CRHTT"),
  and "NHS England"-style bodies;
* an organisation or an area: "Humber-wide", "Trust-wide", "Pan-Sussex"; a name ended by
  the organisation's type or initials ("Sussex Police", "East Riding of Yorkshire Council",
  "Hull CCG", "Local Authority"); several organisations ("Acute trusts", "Providers"); a
  function named for a nation ("Public Health England"). Beside a post it says where the
  post is ("Chair of the CCG", "Safeguarding Lead, Hull CCG"), beside a name where the person
  works ("Fiona Wilson, Healthwatch"), and a cell that opens with a person's name before the
  organisation is that person there ("Jennifer Taylor Gloucestershire County Council");
  bare initials beside one person's full name are where that person works, or the
  person's own initials ("HCH / Sheila Brew", "HCH – Maura St George"): one person either
  way, whereas initials beside initials ("MW/YO") or a post ("Chair / DCS") are two;
* two posts across a slash ("Ward Sister/Charge Nurse", "NED-WT/DoN"): whoever is on shift
  is not one accountable person;
* a cell of names whose commas were lost ("Joanna Hynd Mark Lines Janne Preston", "S Wood
  K Micklewright").

A bracketed note never adds an owner: a date ("Chief Operating Officer (w/e/f 01/07/2016)")
or initials ("Director of Nursing & Quality (DoN&Q)") qualify the post before them, and a
department after a post says where the post works ("Interim Divisional Director, Children and
Families", "SM - Workforce").

Everything else, including any unfamiliar word, is taken to be a name or an ID and passes:
a linter that flags "Hannah Allsop" or "Emma Ward" gets switched off. The known weak
spot is the reverse: a surname that is the plural of a post ("Sam Cooks") reads as a group.

Verdicts are cached per owner text: a register has a few owners and thousands of actions.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .verdict import Verdict, as_text, base_form, quote, words

# ---------------------------------------------------------------- vocabulary
# Posts one person holds; their plurals ("managers") are groups.
_ROLES = frozenset("""
    manager director lead leader head matron sister nurse carer worker assistant officer
    champion supervisor coordinator co-ordinator practitioner partner chef cook cleaner
    therapist physiotherapist physio administrator trustee governor deputy senior
    pharmacist technician receptionist secretary clinician midwife engineer handyman
    chair chairperson owner proprietor executive controller auditor adviser advisor
    specialist registrar consultant doctor gp individual marshal caretaker commissioner rep representative
    housekeeper porter driver volunteer member president principal dietitian dietician
    psychologist psychiatrist surgeon physician paramedic analyst facilitator educator
    trainer mentor steward keeper inspector chaplain warden concierge guardian medic
    """.split())
# Abbreviated posts: each stands for one person ("RM/DM" is two of them).
_ROLE_ABBREVIATIONS = frozenset("""
    rm dm ni cl hoc don dn md ceo coo cno cfo cmo dipc ri gm hm am wm um hon adon ddon
    dns cn sn tl hca rgn rmn rn ad sm dd cd hos hod adn dpm cns ipcn hcsw siro ccio cnio ddipc
    anp acp ahp
    """.split())
# Head nouns that name a group, an organisation or a function, never a person.
_GROUP_HEADS = frozenset("""
    team teams staff department dept committee board group panel forum
    personnel management leadership directorate division office crew shift shifts nights
    days people colleagues partnership trust practice home provider organisation
    organization company business charity service services everyone everybody anyone
    all smt slt mdt elt household triumvirate triad
    quadrumvirate duo trio council network taskforce task-force cabinet collective
    alliance consortium cohort pool hub faculty body bodies
    authority police constabulary inspectorate healthwatch sector commissioners government
    agencies meeting meetings huddle
    """.split())
# The types of organisation that end an organisation's name ("Sussex Police", "Kent County
# Council"). Two or more unfamiliar words before one may be a person's name run into their
# organisation ("Jennifer Taylor Gloucestershire County Council"), so that is given the doubt.
_ORGANISATION_TYPES = frozenset("""
    council authority police constabulary trust partnership inspectorate healthwatch charity
    company organisation organization school college university hospice ltd limited plc cic
    llp government institution institute association society agency commission federation
    """.split())
# What a review calls the organisations it anonymises ("Trust A", "Agency C"; round 29: a
# homicide review's "Trust B" was read as a person's initials).
_ANONYMISED_BODIES = _ORGANISATION_TYPES | frozenset("practice provider service hospital home board".split())
# Words that name an area, not a person: they qualify an organisation ("North Yorkshire
# Police", "Kent County Council"), so they do not count towards a person's name before it.
_AREA_MODIFIERS = frozenset("""
    county city borough district metropolitan north south east west northern southern eastern
    western central greater mid
    """.split())
# A body named for a nation after its function: "Public Health England", "Health
# Education England" ("NHS England" is caught by its initials).
_NATIONS = frozenset("england scotland wales ireland".split())
# The people a service is for: a group on their own ("Residents"), the area a post
# covers beside one ("Consultant Nurse – Older People").
_POPULATIONS = frozenset("""
    people residents relatives family families children adults patients users
    """.split())
# Departments and functions: a group when no post is named with them ("Estates"), part
# of a post title when one is ("Estates Manager", "Head of Estates and Facilities").
_FUNCTIONS = frozenset("""
    workforce
    housekeeping maintenance catering estates estate facilities pharmacy admin
    administration finance laundry kitchen reception payroll training recruitment
    quality safety governance clinical medical nursing care domestic domestics activities
    therapies physiotherapy compliance operations procurement security it hr ipc infection
    prevention control safeguarding risk patient experience learning development education
    wellbeing health mental capacity medicines medication dementia falls tissue viability
    nutrition hydration fire health-and-safety h&s complaints audit standards assurance
    legal communications marketing human resources
    surgery surgical medicine emergency urgent theatres critical intensive paediatrics
    paediatric children's maternity midwifery obstetrics gynaecology neonatal oncology
    cardiology radiology imaging pathology outpatients inpatient inpatients community
    primary acute elderly older stroke renal respiratory orthopaedics orthopaedic trauma
    anaesthetics dental psychiatry psychology therapy rehabilitation rehab diagnostics
    cancer ed a&e icu itu ccu hdu ambulatory discharge bed flow digital informatics ict
    analytics agency bank public healthcare improvement social adult
    planning information performance business strategy support
    transformation engagement innovation research delivery inclusion diversity equality
    equalities culture change commissioning contracts contracting organisational od
    integration sustainability commercial involvement outcomes partnerships
    """.split())
# Words that make a phrase a group of people however it ends.
_QUANTIFIERS = frozenset("""
    all each every both any whole entire various several multiple relevant respective
    everyone everybody anyone anybody
    """.split())
# Place nouns: "Ward 12" or "Oak Unit" qualifies a post; on its own it is not a person.
_STRONG_PLACES = frozenset(
    "unit wing floor site suite bay annexe annex building corridor branch".split())
_WEAK_PLACES = frozenset("ward house lodge court room centre hospital clinic".split())
_MODIFIERS = frozenset("""
    registered senior junior deputy assistant acting interim chief principal general
    home area regional unit ward night day nights days weekend nominated
    responsible accountable named duty on-call on call in charge the a an of for at in
    and to first second ground floor practice lead main divisional associate
    operational executive medical corporate non-executive
    """.split()) | _AREA_MODIFIERS
_HONORIFICS = frozenset("dr mr mrs ms miss mx prof professor sir dame rev revd".split())
_PLURAL_ENDINGS = ("ists", "ians", "ants", "ees", "ives")

_POSTS = _ROLES | _ROLE_ABBREVIATIONS
_PLACES = _STRONG_PLACES | _WEAK_PLACES
_VOCABULARY = _POSTS | _GROUP_HEADS | _POPULATIONS | _FUNCTIONS | _QUANTIFIERS | _PLACES | _MODIFIERS

# ---------------------------------------------------------------- splitting
# A conjunction between two parts adds a person; apposition (comma, slash, dash, brackets)
# adds one only when both sides are names, or both are posts.
_CONJUNCTION_RE = re.compile(
    r"\s+(?:and|or|plus|with|together with|along with|alongside|supported by|assisted by"
    r"|with support from|and/or)\s+|\s*\+\s*|\s+&\s*|\s*&\s+|(?<=\w\w)&(?=\w\w)",
    re.IGNORECASE)  # "&" between words, but "H&S" is one function, not two people
# Round 26: a bar divides owners as a slash does ("KMPT | Kent Police", a table's cell joined).
_SLASH_RE = re.compile(r"\s*[/\\|]\s*")
_APPOSITION_RE = re.compile(r"\s*[,;/\\|()\[\]:]\s*|\s+[-–—]\s+")
_PLACEHOLDER_RE = re.compile(
    r"^(?:tbc|tbd|tba|n/?a|none|nobody|unknown|unassigned|vacant|various|to be (?:confirmed"
    r"|decided|agreed|appointed)|[?\-–—.]+)$", re.IGNORECASE)
# "Clinical leads x3", "Band 7s": a count of people.
_MULTIPLIER_RE = re.compile(r"\bx\s*\d+\b|\b\d+\s*x\b|\b\d+['’]?s\b|\(\s*\d+\s*\)", re.IGNORECASE)
_HEAD_STOP = frozenset("of for at in on to".split())
_FUNCTION_ABBREVIATION_RE = re.compile(r"^[A-Z]{2,4}$")
# Initials of organisations and bodies that hold actions in published plans.
_ORGANISATION_INITIALS = frozenset("""
    nhs ccg icb ics la lga adass nhse nhsi pcn cqc ukhsa phe csu cvs gp gps lmc loc hwb ssab lscb
    mbc cbc
    """.split())
_KNOWN_INITIALS = _ORGANISATION_INITIALS | _ROLE_ABBREVIATIONS
# "E&F", "H&S", "Q&S": initials joined by "&" name a function ("Estates & Facilities").
_AMPERSAND_INITIALS_RE = re.compile(r"^[A-Za-z]{1,2}&[A-Za-z]{1,2}$")
# "SLT", "DLT", "EMT", "IPCT", "CRHTT": initials that end on the T of "team" (three letters
# or more: "OT" and "PT" are therapists, and "SALT" is a speech and language therapist).
_TEAM_INITIALS_RE = re.compile(r"^(?!SALT$)[A-Z]{2,5}T$")
_PLURAL_INITIALS_RE = re.compile(r"^[A-Z]{2,5}['’]?s$")
# A pay band or training grade: "Band 7", "Band 8a", "Grade 6", "FY1", "ST3", "CT2".
_GRADE_RE = re.compile(r"\b(?:band|grade)\s*\d[abcd]?\b|\b(?:fy|st|ct|sho|spr)\s?\d\b",
                       re.IGNORECASE)
# "(DIPC)" spelling out the title before it: the initials restate the post.
_BRACKETED_INITIALS_RE = re.compile(r"\s*\(\s*([A-Za-z]{2,8})\s*\)\s*$")
_INITIALS_SKIP = frozenset("of and for the & in to".split())


def judge_owner(owner: str | list[str] | tuple[str, ...]) -> Verdict | None:
    """None when ``owner`` reads as one accountable person, else why not and how to fix."""
    if isinstance(owner, (list, tuple)):  # a YAML list of owners
        if len(owner) > 1:
            return _several_people(", ".join(map(as_text, owner)), len(owner), "several:list")
        owner = owner[0] if owner else ""
    return _judge_as_typed(as_text(owner))


@lru_cache(maxsize=4096)  # a register has few owners and thousands of actions
def _judge_as_typed(text: str) -> Verdict | None:
    """The verdict on ``text`` read in ordinary case, quoting it as typed."""
    ordinary = in_ordinary_case(text)
    verdict = _judge_owner_text(ordinary)
    if verdict is None or ordinary == text:
        return verdict
    return Verdict(verdict.reason.replace(quote(ordinary), quote(text)), verdict.fix, verdict.trigger)


_LETTERS_RE = re.compile(r"[A-Za-z]+")
_VOWELS = frozenset("aeiouy")


def in_ordinary_case(text: str) -> str:
    """A cell written all in capitals, as it would be written in ordinary case.

    In "JANE SMITH" or "NURSING TEAM" the capitals say nothing, yet the judge reads a word in
    capitals as initials ("WFRS", "SLT"). So in a cell of two words or more with no small
    letter, a word stays in capitals only when it is initials the judge knows ("LGA ADASS",
    "RM") or has no vowel ("HR", "SLT"); every other word is read with a capital first
    letter only. A cell with any small letter is left as written: there capitals are a signal.
    """
    if any(character.islower() for character in text) or len(_LETTERS_RE.findall(text)) < 2:
        return text

    def as_written_in_ordinary_case(found: re.Match[str]) -> str:
        word = found.group(0)
        lower = word.lower()
        return word if lower in _KNOWN_INITIALS or not _VOWELS & set(lower) else word.capitalize()

    return _LETTERS_RE.sub(as_written_in_ordinary_case, text)


# A bracketed note holding a digit: a date ("(w/e/f 01/07/2016)"), never a name.
_DATED_NOTE_RE = re.compile(r"\s*\([^()]*\d[^()]*\)")


def person_names(owner: str) -> list[str]:
    """The parts of an owner cell the judge reads as a person's name, in the order written.

    "Priya Shah (Clinical Lead)" -> ["Priya Shah"]; "Registered Manager - Ward 3" -> [] (a post
    and a place); "Jane Smith, Estates" -> ["Jane Smith"] (and where she works). A part is a
    name when the judge classifies it as one (a post holding an unfamiliar word beside another
    post too: "Ellie Cook (Practice Nurse)") and it has two words or more ("J. Smith"), a title
    ("Dr Patel"), or stands before a post ("Priya (Clinical Lead)"). One unfamiliar word after a
    post is as often where the post works as who holds it ("Registered Manager, Willowbrook"),
    so it is not counted. It says nothing about how many people the cell names: that is
    :func:`judge_owner`'s verdict. For readers of who an owner is (the command line, import),
    so that a name beside a role decides who is meant, not whoever holds the role.
    """
    text = as_text(owner)
    text = _SUPPORTERS_RE.sub("", text).strip() or text
    text = _post_holder(text) or text  # "Clinical Lead: Priya Shah" names Priya Shah
    text = _DATED_NOTE_RE.sub("", _drop_spelt_initials(text)).strip() or text
    names: list[str] = []
    for segment in _segments(text):
        for side in _SLASH_RE.split(segment):
            parts = _side_parts(side)
            kinds = _kinds_with_names(parts)
            for index, ((part, _), kind) in enumerate(zip(parts, kinds, strict=True)):
                tokens = words(part)
                rest = [w for w in tokens if w not in _HONORIFICS]
                before_a_post = index + 1 < len(kinds) and kinds[index + 1] == "post"
                if kind == "name" and (len(rest) >= 2 or (rest and len(rest) < len(tokens)) or before_a_post):
                    names.append(part.strip())
    return names


_DATE_LIKE_RE = re.compile(r"\d{1,4}[/.\-]\d{1,2}(?:[/.\-]\d{1,4})?")


def _judge_owner_text(text: str) -> Verdict | None:
    if not text:
        return Verdict("owner is empty", "name the one person accountable for the action", "empty")
    if _PLACEHOLDER_RE.match(text):
        return Verdict(f"owner {quote(text)} is a placeholder, not a person",
                       "name the one person accountable for the action", "placeholder")
    if not any(character.isalpha() for character in text):  # "31/03/2027" is no one, not three
        looks = "a date" if _DATE_LIKE_RE.fullmatch(text) else "no name"
        return Verdict(f"owner {quote(text)} is {looks}, not a person, typed in the wrong place",
                       "name the one person accountable for the action", "not-a-name")
    # "Ward Sister/Charge Nurse" is two posts across a slash: whichever of them is on shift
    # is not one accountable person.
    # "Category Lead supported by Safeguarding Adults Leads": the helpers named after
    # "supported by" work for the owner before it, who stays the one accountable.
    text = _SUPPORTERS_RE.sub("", text).strip() or text
    run_on = _run_on_names(text)
    if run_on:  # "Joanna Hynd Mark Lines Janne Preston": a cell of names with the commas lost
        return _several_people(text, run_on, "several:run-on")
    holder = _post_holder(text)
    if holder:  # "The practice's IPC lead is: Janet Speake – Practice Nurse": judge the holder
        return _judge_people(holder, text)
    return _judge_people(text, text)


def _judge_people(text: str, cell: str) -> Verdict | None:
    """The verdict on ``text``, the part of the owner ``cell`` that says who holds the action."""
    one_post = _drop_bracketed_notes(_drop_spelt_initials(text))
    segments = [_classify_segment(segment) for segment in _segments(one_post)]
    groups = sorted((k for kinds in segments for k in kinds if k.startswith("group")),
                    key=_function_last)
    if groups:  # a named group ("team") explains better than a function word ("quality")
        return _group_verdict(cell, groups[0])
    # In apposition the names are the people, and a post with no name beside it one more.
    people = sum(_people_in(segment) for segment in _segments(one_post))
    if people >= 2 and _named_holder_of_posts(one_post):
        return None
    if people >= 2:
        return _several_people(cell, people, "several:slash" if _SLASH_RE.search(one_post)
                                else "several:conjunction" if len(_segments(one_post)) > 1
                                else "several:apposition")
    if people == 0 and any("place" in kinds for kinds in segments):
        return Verdict(f"owner {quote(cell)} is a place, not a person",
                       "name the one person accountable there, e.g. its unit manager", "place")
    return None


def _named_holder_of_posts(text: str) -> bool:
    """Round 28: one named person, then her posts ("Clare Hawkins, Deputy Chief Executive,
    Director of Quality and Chief Nurse"): the "and" joins the posts one person holds, as a
    remit's "and" does. A second name ("..., Chief Nurse and Sam Lee, Medical Director"), a
    post with an article ("... and the Medical Director") or a name with no post beside it
    before the "and" ("Jane Smith and Medical Director") adds a person."""
    segments = _segments(text)
    if len(segments) < 2:
        return False
    first = [part.strip() for part in _APPOSITION_RE.split(segments[0]) if part.strip()]
    if len(first) < 2 or not _full_name(first[0]) or any(_classify(part) != "post" for part in first[1:]):
        return False
    later = [part.strip() for segment in segments[1:] for part in _APPOSITION_RE.split(segment) if part.strip()]
    return all(_classify(part) == "post" and words(part)[0] not in ("the", "a", "an", "our", "their")
               for part in later)


# "Lead for IPC: Rachel Jarrett-Kerr", "The IPC GP lead is Dr Gordon Fletcher.": a post
# described, then the person who holds it.
_HOLDER_RE = re.compile(r"\s*:\s*|\s+(?:is|was|will be)\s*:?\s+", re.IGNORECASE)
_ENDS_WITH_CONJUNCTION_RE = re.compile(r"(?:\b(?:and|or|plus|with|by|from)|[&+])\s*$",
                                       re.IGNORECASE)


def _post_holder(text: str) -> str | None:
    """The person named after "post:" or "post is", when the cell describes a post first.

    The description before the colon or "is" says what the person does, however it is
    worded ("Infection Prevention and Control GP: Dr Amanda Murn"): a cell that names one
    person who holds the post is judged by that person. It is not used when the part after
    names no one ("Lead: IPC team" is judged whole) or when the part before ends on a
    conjunction.
    """
    found = _HOLDER_RE.search(text) or _remit_post_dash(text) or _plural_heading(text)
    if not found or not found.start():
        return None
    head, tail = text[: found.start()], text[found.end():].strip().rstrip(".").strip()
    if not tail or _ENDS_WITH_CONJUNCTION_RE.search(head) or _CONJUNCTION_RE.match(" " + tail):
        return None
    first = [_classify(p) for p in _APPOSITION_RE.split(_CONJUNCTION_RE.split(tail)[0]) if p.strip()]
    if "name" in first or any(_is_named_post(p) for p in _APPOSITION_RE.split(tail)):
        return tail
    return None


_DASH_RE = re.compile(r"\s+[-–—]\s+")


def _remit_post_dash(text: str) -> re.Match[str] | None:
    """Round 21: "Antibiotic and Sepsis lead – Dr Amy Roberts, GP partner": a post whose remit
    is joined by "and", then a dash and the person who holds it, is a post described, as before
    a colon. Only where the words before the dash are one post (the last word a post, no name,
    group or second post before it), so "Matron and Ward Manager – Jane Smith" still names two
    posts."""
    found = _DASH_RE.search(text)
    if not found or not _CONJUNCTION_RE.search(f" {text[:found.start()]} "):
        return None
    head = words(text[:found.start()])
    if not head or not _is_post(head[-1]) or any(_is_post(w) for w in head[:-1]):
        return None
    return found


_SPACE_RE = re.compile(r"\s+")


def _plural_heading(text: str) -> re.Match[str] | None:
    """Round 23: "Primary Care Leads Al Thompson", "Medical Leads Dr N Harvey": a plural post
    written as a heading, then one person's name (two or three words, a title aside), is that
    person introduced, as after a colon. A longer run or a list after it is judged whole."""
    for gap in _SPACE_RE.finditer(text):
        before = words(text[max(0, gap.start() - 40):gap.start()])  # the word before the gap
        if not before or not _is_plural_post(before[-1:]):
            continue
        tail = text[gap.end():].strip()
        named = [w for w in tail.split() if w.lower().strip(".") not in _HONORIFICS]
        if 2 <= len(named) <= 3 and _full_name(tail) and not _CONJUNCTION_RE.search(f" {tail} "):
            return gap
        return None
    return None


# "S Wood", "K. Micklewright": an initial before a surname starts one person's name.
_INITIAL_NAME_RE = re.compile(r"(?:^|\s)[A-Z]\.?\s+[A-Z][a-z]")


_SUPPORTERS_RE = re.compile(
    r"\s*[,;]?\s+(?:is\s+|are\s+)?(?:supported|assisted|helped|deputised)\s+by\b.*"
    r"|\s*[,;]?\s+with\s+(?:the\s+)?(?:support|help|assistance)\s+(?:of|from)\b.*",
    re.IGNORECASE | re.DOTALL)


def _run_on_names(text: str) -> int:
    """How many people a separator-less run of names holds (0 when it is not one).

    Two initials each before a surname, or five or more capitalised words that are all
    unfamiliar (names): no one's name is that long, so the commas were lost.
    """
    initials = len(_INITIAL_NAME_RE.findall(text))
    if initials >= 2:
        return initials
    parts = text.split()
    if len(parts) >= 5 and all(p[:1].isupper() and p[1:].islower() for p in parts):
        if all(w not in _VOCABULARY and not _is_post(w) and w not in _HONORIFICS for w in words(text)):
            return len(parts) // 2
    return 0


# Initials written on their own beside a person's full name ("HCH / Sheila Brew", "HCH –
# Maura St George") are the organisation the person works for, or the person's own
# initials: one person either way. Initials beside initials ("MW/YO") or a post
# ("Chair / DCS") are still two.
_BARE_INITIALS_RE = re.compile(r"^[A-Z]{2,6}$")


def _full_name(part: str) -> bool:
    """Two or more capitalised words, none of them a post, a group or a function: a person."""
    raw = [w for w in part.split() if w.lower().strip(".") not in _HONORIFICS]
    return len(raw) >= 2 and all(w[:1].isupper() for w in raw) and _classify(part) == "name"


def _initials_beside_a_name(parts: list[str]) -> list[str]:
    """``parts`` without the bare initials, when they stand beside one person's full name
    and nothing else ("Cornwall Housing, EHSC, CFT" lists three bodies)."""
    if len(parts) != 2:
        return parts
    initials = [p for p in parts if _BARE_INITIALS_RE.match(p.strip()) and p.strip().lower() not in _POSTS]
    names = [p for p in parts if _full_name(p)]
    return names if len(initials) == 1 and len(names) == 1 else parts


def _people_in(segment: str) -> int:
    """People in one conjunction-separated segment; across a slash each side that names
    someone is another ("NED-WT/DoN").

    In apposition the people are the names, and a post right before or after a name is what
    that person does: "Practice Infection Control Lead – Caroline Welch (Lead Practice
    Nurse)" is one person with two posts. A post with no name next to it is one more person
    ("Matron, Head of Nursing"; "MM (Law Manager) Community Consultant").
    """
    return sum(_people_on_side(side) for side in _initials_beside_a_name(_SLASH_RE.split(segment)))


def _kinds_with_names(parts: list[tuple[str, str]]) -> list[str]:
    """The kinds of a side's parts, where "Ellie Cook (Practice Nurse)": a surname that is
    also a post ("Cook", "Porter") is a name when another part of the cell is the post."""
    kinds = [kind for _, kind in parts]
    if "name" not in kinds and kinds.count("post") >= 2:
        kinds = ["name" if kind == "post" and _is_named_post(part) else kind for part, kind in parts]
    return kinds


def _people_on_side(side: str) -> int:
    parts = _side_parts(side)
    kinds = _kinds_with_names(parts)
    names = [i for i, kind in enumerate(kinds) if kind == "name"]
    claimed = {i + step for i in names for step in (-1, 1)}
    unclaimed = [i for i, kind in enumerate(kinds) if kind == "post" and i not in claimed]
    return len(names) + len(unclaimed)


def _is_named_post(part: str) -> bool:
    """A post phrase that also holds an unfamiliar word: a name ("Ellie Cook", "Sister Jones")."""
    tokens = [w for w in words(part) if w not in _HONORIFICS]
    return _classify(part) == "post" and any(
        w.isalpha() and w not in _VOCABULARY and not _is_post(w) for w in tokens)


def _several_people(text: str, people: int, trigger: str) -> Verdict:
    return Verdict(f"owner {quote(text)} names {people} people, so no one person is accountable",
                   "choose one of them as owner and give the others sub-actions (parent) "
                   "with their own owners", trigger)


def _classify_segment(segment: str) -> list[str]:
    """The kind of each apposition part of one conjunction-separated segment.

    A department beside a post says where the post is ("Head of Nursing – Surgery",
    "Matron (Medicine)"), as a place does ("Ward Sister, Ward 12"): it is not a group.
    A slash is different: "Ward Manager / Estates" hands the action to two owners.
    """
    return [kind for alternative in _SLASH_RE.split(segment) for _, kind in _side_parts(alternative)]


def _side_parts(alternative: str) -> list[tuple[str, str]]:
    """The apposition parts of one slash side, each with its kind, qualifiers of a post dropped."""
    parts = _initials_beside_a_name([p for p in _APPOSITION_RE.split(alternative) if p.strip()])
    classified = [(p, _classify(p)) for p in _drop_abbreviations(parts)]
    if any(kind == "post" for _, kind in classified):
        classified = [(p, k) for p, k in classified if not _qualifies_a_post(k)]
    if any(kind == "name" for _, kind in classified):
        # "Fiona Wilson, Healthwatch", "Jane Smith, Estates": a person and where she works;
        # "Teresa Medhurst, Scottish Prison Service" too (round 27).
        classified = [(p, k) for p, k in classified
                      if not k.startswith(("group:organisation", "group:initials", "group:function"))
                      and k.removeprefix("group:head:") not in _EMPLOYERS]
    buildings = [(p, k) for p, k in classified if k == "name" and _names_a_building(p)]
    if buildings and any(k in ("name", "post") for p, k in classified if (p, k) not in buildings):
        # "Registered Manager, Willowbrook House", "Jane Smith - Oak Lodge": where she works.
        classified = [pair for pair in classified if pair not in buildings]
    return classified


# The heads of an employer's name: beside a person's name they say where she works.
_EMPLOYERS = frozenset("service trust agency partnership".split())
# One unfamiliar word and one of these, beside a post or a name, is where the person works
# ("Willowbrook House", "Oak Lodge", "Rose Court"). Not "ward": "Emma Ward" is as often a person.
_BUILDINGS = _WEAK_PLACES - {"ward"}


def _names_a_building(part: str) -> bool:
    tokens = [w for w in words(part) if w not in _HONORIFICS]
    return len(tokens) == 2 and tokens[1] in _BUILDINGS and tokens[0] not in _VOCABULARY


def _function_last(kind: str) -> bool:
    return kind.startswith("group:function")


def _qualifies_a_post(kind: str) -> bool:
    """A department, a population or a unit of an organisation: beside a post it says where
    the post works ("General Manager, W&C Directorate")."""
    return kind.startswith(("group:function", "group:population", "group:organisation",
                            "group:initials")) or kind.removeprefix("group:head:") in _UNITS


# Units of an organisation: beside a post they say where it is, as a department does; a team
# or a committee beside a post is a second owner ("Registered Manager, Care team").
_UNITS = frozenset("directorate division department dept".split())


def _segments(text: str) -> list[str]:
    """Split on conjunctions, re-joining "and ..." that continues a post title.

    "Head of Estates and Facilities": "Facilities" names no person and the part before
    it is an "X of Y" title, so it is the rest of that title, not a second owner.
    """
    segments: list[str] = []
    for piece in _CONJUNCTION_RE.split(text):
        piece = piece.strip()
        if not piece:
            continue
        if segments and _continues_title(segments[-1], piece):
            segments[-1] += " and " + piece
        else:
            segments.append(piece)
    return segments


# A bracketed note that qualifies the owner before it: a date ("w/e/f 01/07/2016") or one
# token of initials ("DoN&Q", "DIPC"). It never names a second owner.
_BRACKETED_NOTE_RE = re.compile(r"\s*\((?:[^()]*\d[^()]*|[^()\s]+)\)")


_TRAILING_BRACKET_RE = re.compile(r"^(?P<owner>[^()]+?)\s*\((?P<note>[^()]+)\)\s*$")


def _drop_bracketed_notes(text: str) -> str:
    """Drop bracketed dates and initials after the owner ("Chief Operating Officer (w/e/f
    01/07/2016)"), and a bracketed group after a person's full name, which says where the
    person works ("Jane Smith (Care team)"), as a department after a comma does."""
    kept = _BRACKETED_NOTE_RE.sub("", text).strip() or text
    found = _TRAILING_BRACKET_RE.match(kept)
    if found and _full_name(found["owner"]) and _classify(found["note"]).startswith("group") \
            and not _CONJUNCTION_RE.search(f" {found['note']} "):
        return found["owner"]
    if found and _second_post(found["owner"], found["note"]):
        return found["owner"]
    return kept


def _second_post(owner: str, note: str) -> bool:
    """Round 21: a bracketed post after a named person's post is that person's second post
    ("Stacie Pughe, Practice Manager (H&S Lead)"), as "Caroline Welch (Lead Practice Nurse)" is
    her post: the bracket adds no one, unless it lists people itself."""
    parts = [_classify(part) for part in _APPOSITION_RE.split(owner) if part.strip()]
    return (len(parts) >= 2 and parts[-1] == "post" and "name" in parts[:-1]
            and _classify(note) == "post" and not _CONJUNCTION_RE.search(f" {note} "))


def _drop_spelt_initials(text: str) -> str:
    """Drop trailing "(DIPC)" when it is the initials of the title before it.

    Done before splitting on "and", which would otherwise cut "Director of Infection
    Prevention and Control" from its own initials.
    """
    found = _BRACKETED_INITIALS_RE.search(text)
    if not found:
        return text
    title = words(text[: found.start()])
    initials = found.group(1).lower()
    full = "".join(w[0] for w in title)
    short = "".join(w[0] for w in title if w not in _INITIALS_SKIP)
    return text[: found.start()] if initials in (full, short) or full.endswith(initials) \
        or short.endswith(initials) else text


def _drop_abbreviations(parts: list[str]) -> list[str]:
    """Drop initials that restate the post beside them: "Registered Manager (RM)"."""
    if len(parts) < 2:
        return parts
    initials = set()
    for part in parts:
        part_words = words(part)
        if len(part_words) > 1:
            initials.add("".join(w[0] for w in part_words))
            initials.add("".join(w[0] for w in part_words if w not in _HEAD_STOP))
    return [p for p in parts if not (len(words(p)) == 1 and words(p)[0] in initials)]


def _continues_title(previous: str, piece: str) -> bool:
    previous_words = words(previous)
    if len(previous_words) == 1 and previous_words[0].endswith("ing") and _opens_a_post(piece):
        return True  # "Cleaning and Decontamination Lead – Emma Spiller": one post's remit
    if _remit_only(_APPOSITION_RE.split(previous)[-1]) and _opens_a_post(piece):
        # "Sam Lee, Governance and Compliance Manager", "Health & Safety Lead": the words
        # before "and" name no one; they share the post that follows ("Compliance Manager").
        return True
    if _APPOSITION_RE.search(previous) and _classify(piece).startswith(("group:function", "group:population")):
        return True  # "Divisional Director, Children and Families": the post's department
    if not (_HEAD_STOP & set(previous_words[1:])):
        return False
    piece_words = words(piece)
    if _FUNCTION_ABBREVIATION_RE.match(piece) and piece.lower() not in _ROLE_ABBREVIATIONS \
            and piece.lower() not in _ORGANISATION_INITIALS:
        return True  # "Director of Workforce and OD": initials of a function, not a post or a body
    if piece_words and piece_words[-1] in _FUNCTIONS and not _HONORIFICS & set(piece_words) \
            and not any(_is_post(w) for w in piece_words):
        # "Director of Workforce & Organisational Development": a remit that ends on a
        # function names no one, whatever words qualify the function.
        return True
    return bool(piece_words) and all(w in _FUNCTIONS or w in _MODIFIERS for w in piece_words)


def _remit_only(part: str) -> bool:
    """Functions alone ("Governance", "Quality Governance", "LMNS Quality Governance"): a
    remit, which names no one unless a post or a group follows it."""
    part_words = words(part)
    if not part_words or not all(w in _FUNCTIONS for w in part_words[1:]):
        return False
    return part_words[0] in _FUNCTIONS or (
        len(part_words) > 1 and _FUNCTION_ABBREVIATION_RE.match(part.split()[0]) is not None)


def _opens_a_post(piece: str) -> bool:
    """"Decontamination Lead – ...": the piece opens with a post whose first word is its remit."""
    first = _APPOSITION_RE.split(piece)[0]
    first_words = words(first)
    return bool(first_words) and _classify(first) == "post" and not _is_post(first_words[0]) \
        and first_words[0] not in _HONORIFICS and first_words[0] not in _MODIFIERS


# ---------------------------------------------------------------- one part
def _classify(part: str) -> str:
    """'group:<why>', 'post', 'name', 'place' or 'other' for one apposition part."""
    every_word = words(part)
    tokens = [w for w in every_word if w not in _HONORIFICS]
    if not tokens:
        return "other"
    titled = len(tokens) < len(every_word)  # "Dr", "Mrs": a title marks a person
    bare = part.strip()
    if _AMPERSAND_INITIALS_RE.match(bare):
        return "group:function:" + bare
    if _TEAM_INITIALS_RE.match(bare):
        return "group:head:" + bare
    if _PLURAL_INITIALS_RE.match(bare):
        return "group:plural:" + bare  # "OTs", "ANPs": the plural of an abbreviated post
    multiplied = _MULTIPLIER_RE.search(part)
    if multiplied:
        return "group:count:" + multiplied.group(0).strip()
    if bare.upper() == bare and tokens[0] in _ORGANISATION_INITIALS:
        return "group:head:" + bare  # "CCG", "LGA ADASS": an organisation
    initials = _department_initials(part, tokens)
    if initials:
        return "group:initials:" + initials
    if tokens[0] == "nhs" and len(tokens) > 1:
        return "group:head:" + " ".join(tokens[:2])  # "NHS England", "NHS Highland": a body
    organisation = _organisation(part, tokens)
    if organisation:
        return "group:organisation:" + organisation
    if _name_at_organisation(tokens):
        return "name"
    head_phrase = _head_phrase(tokens)
    head = head_phrase[-1]
    if tokens[0] in _QUANTIFIERS:
        return "group:quantifier:" + tokens[0]
    if head in _POPULATIONS:
        return "group:population:" + head
    if _chairs_a_body(tokens):
        return "post"
    if head in _GROUP_HEADS or _is_executive_body(head_phrase):
        return "group:head:" + head
    if len(head_phrase) > 1 and base_form(head, _GROUP_HEADS):
        # Round 26: a group head in the plural ends a body's name as its singular does ("East
        # Berkshire Clinical Commissioning Groups"); a word on its own may be a surname.
        return "group:head:" + head
    department = None if titled else _place_department(tokens)
    if department:  # "Dr Patel Public Health" is a person where she works
        return "group:function:" + department
    if _is_plural_post(head_phrase):
        return "group:plural:" + head
    plural_inside = next((w for w in head_phrase[:-1] if w.endswith("s") and w[:-1] in _ROLES), None)
    if plural_inside:  # "SI Leads Head of Patient Safety": a cell holding posts of several people
        return "group:plural:" + plural_inside
    # A grade is a post: "Band 7 – Sarah Mitchell", "FY2"; "Band 6 nurses" was caught above.
    has_post = any(_is_post(w) for w in tokens) or bool(_GRADE_RE.search(part))
    unknown = [w for w in tokens if w not in _VOCABULARY and not _is_post(w)]
    if _is_place(head_phrase, tokens, unknown):
        return "place"
    if has_post:
        return "post"
    if unknown:
        return "name"
    if any(w in _FUNCTIONS for w in tokens):
        if titled:
            return "name"  # "Mrs Kitchen", "Mr Bank": a title marks a person
        return "group:function:" + tokens[-1]
    return "other"


# Initials long enough not to be a person's ("LBTH", "PCSS"), or three ending on the S of
# "Service" ("MPS"); a person's initials are two or three letters ("MW", "JRL").
_DEPARTMENT_INITIALS_RE = re.compile(r"^(?:[A-Z]{4,6}|[A-Z]{2}S)$")


def _department_initials(part: str, tokens: list[str]) -> str | None:
    """Initials of an organisation or a department, with no post or name beside them.

    "MPS", "LBTH Adult social care", "Nursing PCSS IPC": what else is in the part is a
    function ("adult social care"), so nothing in it names a person. Beside a post the
    initials say where the post works ("Safeguarding Lead, LBTH"); beside an unfamiliar word
    they may be a person's organisation ("Laura Mercer OPCC"), which is given the doubt.
    """
    found = [w for w in (raw.strip(".,;:()'’") for raw in part.split())
             if _DEPARTMENT_INITIALS_RE.match(w) and w.lower() not in _POSTS]
    if not found:
        return None
    named = {w.lower() for w in found}
    rest = [w for w in tokens if w not in named]
    if all(w in _FUNCTIONS or w in _POPULATIONS or w in ("the", "of", "and") for w in rest):
        return found[0]
    return None


def _organisation(part: str, tokens: list[str]) -> str | None:
    """The word that makes ``part`` an organisation or an area, when no post is named in it.

    An organisation or an area holds no one to account: "Humber-wide", "Trust-wide" and
    "Pan-Sussex" name an area; an organisation's type ends its name, after any "of" ("East
    Riding of Yorkshire Council", "Sussex Police", "Hull CCG"); a plural of a group noun with
    nothing unfamiliar beside it is several organisations ("Acute trusts", "Providers"); a
    function named for a nation is a national body ("Public Health England"). Beside a post
    ("Chair of the CCG", "Lead GP") it only says where the post is.
    """
    if any(_is_post(w) for w in tokens):
        return None
    area = next((w for w in tokens if (w.endswith("wide") and len(w) > 4) or w.startswith("pan-")), None)
    if area:
        return area
    last_word = part.split()[-1].strip(".,;:()") if part.split() else ""
    last = tokens[-1]
    if _name_at_organisation(tokens):
        return None
    if last_word.isupper() and last in _ORGANISATION_INITIALS:
        return last_word  # "Hull CCG": the initials end the body's name
    if len(last_word) == 1 and last_word.isupper() and len(tokens) > 1 and tokens[-2] in _ANONYMISED_BODIES:
        return tokens[-2]  # "Trust B", "GP Practice A": a review's anonymised organisation
    if last in _ORGANISATION_TYPES and not _HEAD_STOP.difference({"of"}) & set(tokens):
        return last  # "East Riding of Yorkshire Council"; not "Staff rep on committee"
    body = tokens[tokens.index("of", 1) - 1] if "of" in tokens[1:] else None
    if body in _ORGANISATION_TYPES:
        return body  # "Royal College of Radiologists", "Society of Radiographers"
    known = all(w in _VOCABULARY for w in tokens[:-1])
    if known and last.endswith("s") and base_form(last, _GROUP_HEADS):
        return last  # "Acute trusts", "Providers"
    if last in _NATIONS and len(tokens) > 1 and all(w in _FUNCTIONS for w in tokens[:-1]):
        return " ".join(tokens)
    return None


# Round 30: a post that exists only as a body's one chair, which a plan writes before the
# body's name without "of" ("Chair Somerset Parent Carer Forum", "Independent Chair SAB").
_CHAIRS = frozenset("chair chairperson chairman chairwoman convenor convener".split())
_CHAIR_QUALIFIERS = frozenset("independent vice deputy co".split())


def _chairs_a_body(tokens: list[str]) -> bool:
    opening = tokens[1:] if tokens[0] in _CHAIR_QUALIFIERS else tokens
    return len(opening) > 1 and opening[0] in _CHAIRS


def _place_department(tokens: list[str]) -> str | None:
    """A department named for its place (round 26): "Essex Adult Social Care", "Nottingham
    City Adult Social Care", "Gloucestershire Children Social Care". One unfamiliar word (the
    place, with any area words beside it) before two or more words of a function or the people
    it serves, and no post, is a council's or a trust's department; two unfamiliar words may be
    a person's name before where they work ("Jane Smith Adult Social Care"), given the doubt."""
    unfamiliar = [i for i, w in enumerate(tokens) if w not in _VOCABULARY and not _is_post(w)]
    if len(unfamiliar) != 1 or unfamiliar[0] != 0 or any(_is_post(w) for w in tokens):
        return None
    rest = [w for w in tokens[1:] if w not in _AREA_MODIFIERS]
    if len(rest) >= 2 and all(w in _FUNCTIONS or w in _POPULATIONS for w in rest) and rest[-1] in _FUNCTIONS:
        return " ".join(rest)
    return None


def _name_at_organisation(tokens: list[str]) -> bool:
    """A person's name run into their organisation ("Jennifer Taylor Gloucestershire County
    Council", "Karen Taylor CCG"): the cell opens with two unfamiliar words (a first name
    and a surname), at most one more (a place) comes before the organisation's type, and
    nothing before it names a group ("Sussex Partnership NHS Foundation Trust" is a body;
    a longer run holds more than one name)."""
    last = tokens[-1]
    if not (last in _ORGANISATION_TYPES or last in _ORGANISATION_INITIALS) or len(tokens) < 3:
        return False
    unfamiliar = [w not in _VOCABULARY and not _is_post(w) for w in tokens[:-1]]
    return (unfamiliar[0] and unfamiliar[1] and sum(unfamiliar) <= 3
            and not any(w in _GROUP_HEADS for w in tokens[:-1]))


def _head_phrase(tokens: list[str]) -> list[str]:
    """The words before the first of/for/at...: "head of care" -> ["head"]."""
    for i, word in enumerate(tokens):
        if i and word in _HEAD_STOP:
            return tokens[:i]
    return tokens


def _is_post(word: str) -> bool:
    return word in _POSTS


def _is_executive_body(head_phrase: list[str]) -> bool:
    """"Trust Management Executive" is a body; "Chief Executive" is a post."""
    return head_phrase[-1] in ("executive", "exec") and not _EXECUTIVE_POSTS & set(head_phrase)


# "Chief Executive", "Executive Nurse"; a project's or programme's executive is one person
# (PRINCE2's "Project Executive", "Programme Executive, SPS"; round 27).
_EXECUTIVE_POSTS = frozenset("chief nurse project programme".split())


def _is_plural_post(head_phrase: list[str]) -> bool:
    head = head_phrase[-1]
    if head in _POSTS:
        return False  # singular
    # "WM's" and "HCA’s" are how many people write the plural of an abbreviation.
    stem = re.sub(r"['’]s$", "", head)
    if stem != head and stem in _POSTS:
        return True
    if base_form(head, _POSTS):
        return True
    # Unlisted plural posts ("physiotherapists") by their ending, unless the phrase also
    # holds an unfamiliar word that may be a name.
    others = [w for w in head_phrase[:-1] if w not in _VOCABULARY]
    return head.endswith(_PLURAL_ENDINGS) and head not in _VOCABULARY and not others


def _is_place(head_phrase: list[str], tokens: list[str], unknown: list[str]) -> bool:
    """"Ward 12", "Oak Unit", "first floor"; not "Emma Ward" (a surname)."""
    head = head_phrase[-1]
    if any(w in _STRONG_PLACES for w in tokens) and not any(_is_post(w) for w in tokens):
        return True
    if head in _WEAK_PLACES and not unknown:
        return True
    return bool(tokens) and tokens[0] in _PLACES and any(
        w.isdigit() or len(w) == 1 for w in tokens[1:]) and not any(_is_post(w) for w in tokens)


# ---------------------------------------------------------------- messages
_SUGGESTIONS = (
    (("nurs", "nurse", "ward", "matron", "clinical"), "the ward manager or clinical lead"),
    (("kitchen", "catering", "chef", "cook"), "the head chef or catering manager"),
    (("housekeeping", "domestic", "laundry", "clean"), "the head of housekeeping"),
    (("maintenance", "estate", "facilities", "handyman"),
     "the maintenance lead or estates manager"),
    (("night",), "the nurse or senior in charge of nights"),
    (("hr", "recruit", "payroll"), "the HR manager"),
    (("admin", "office", "reception"), "the office manager"),
    (("training",), "the training lead"),
    (("pharmac", "medic"), "the medicines lead"),
    (("care", "carer", "senior", "staff", "team", "shift"),
     "the registered manager or head of care"),
)
_DEFAULT_SUGGESTION = "the registered manager or nominated individual"


_GROUP_REASONS = {
    "quantifier": "owner {text} is a group ('{word}'), not one person",
    "head": "owner {text} is a group ('{word}'), not one person",
    "population": "owner {text} is a group ('{word}'), not one person",
    "plural": "owner {text} names several people ('{word}' is plural)",
    "count": "owner {text} names several people ('{word}')",
    "function": "owner {text} is a department or function, not a person",
    "organisation": "owner {text} is an organisation or an area ('{word}'), not one person",
    "initials": "owner {text} reads as the initials of an organisation or department ('{word}'), "
                "not one person",
}


def _group_verdict(text: str, kind: str) -> Verdict:
    _, why, word = kind.split(":", 2)
    reason = _GROUP_REASONS[why].format(text=quote(text), word=word)
    return Verdict(reason, f"name the one person accountable, e.g. {_suggest(text)}", f"group:{why}")


def _suggest(text: str) -> str:
    """A post that usually leads the group named, for the fix message."""
    owner_words = words(text)
    for stems, suggestion in _SUGGESTIONS:
        if any(w.startswith(stems) for w in owner_words):
            return suggestion
    return _DEFAULT_SUGGESTION


judge_owner.cache_clear = _judge_as_typed.cache_clear  # type: ignore[attr-defined]  # for timing
