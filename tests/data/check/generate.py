#!/usr/bin/env python3
"""Builds tests/data/check/breaks.json: a village whose households each break one county
check (and two clean ones), from the clean household of tests/data/village.json.
The expected findings are in expected.json beside it (written by hand)."""
import copy, json, pathlib

here = pathlib.Path(__file__).parent
village = json.loads((here.parent / "village.json").read_text())
base = village["households"][0]
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
C = "10X98765432"

def id_number(area, birth, seq, sex_digit="1"):
    # Three-digit sequence: seq's last two digits, then the sex digit moved on by an even
    # step for every hundred (parity, hence sex, kept), so up to 500 people stay distinct.
    sex = (int(sex_digit) + 2 * (seq // 100)) % 10
    body = f"{area}{birth}{seq % 100:02d}{sex}"
    return body + C[sum(int(d) * w for d, w in zip(body, W)) % 11]

def household(n, change=None):
    h = copy.deepcopy(base)
    h["id"] = f"h-{n}"
    h["code"] = f"36072910109900{n:02d}"
    h["phone"] = f"138000001{n:02d}"
    h["members"][3]["schooling"] = "primary"
    h["members"][3]["education"] = None
    for m in h["members"]:
        # The county's export needs these for every member, children included.
        m.setdefault("ethnicity", "汉族")
        m.setdefault("pension_insurance", False)
    ids = {}
    for k, m in enumerate(h["members"]):
        ids[m["id"]] = m["id"] = f"m-{n}-{k}"
        old = m["id_number"]
        m["id_number"] = id_number(old[:6], old[6:14], n * 4 + k, old[16])
    for key in ("income", "expenses", "rigid_expenses", "pairings", "visits", "measures", "events"):
        for r in h.get(key) or []:
            r.pop("id", None)
    for e in h.get("events") or []:
        e["member"] = ids.get(e.get("member"), e.get("member"))
    if change:
        change(h)
    return h

def member(i, **kv):
    return lambda h: h["members"][i].update(kv)

def monitored(risks, measures, eliminated=None, identified="2025-03-01"):
    def f(h):
        h["status"] = "risk_eliminated" if eliminated else "monitored"
        h["monitoring"] = {"kind": "unstable_exited", "identified": identified,
                           "channel": "cadre_check", "risks": risks, "eliminated": eliminated}
        h["measures"] = [measure(*m, start=identified) for m in measures]
        h["rigid_expenses"] = [{"date": "2025-02-01", "kind": "medical", "item": "住院",
                                "amount": 42000.0, "reimbursed": 30000.0}]
    return f

def measure(c, t, item=None, start="2024-03-01"):
    m = {"class": c, "content": t, "start": start}
    if item:
        m["x_item"] = item
    return m

def add_measure(*args):
    return lambda h: h["measures"].append(measure(*args))

def certificate(i, digits, **kv):
    """Member i registered by a 残疾人证 number: the ID number and two more digits."""
    def f(h):
        m = h["members"][i]
        m.update(x_document="disability_certificate", **kv)
        m["id_number"] += digits
    return f

def both(*fs):
    def f(h):
        for g in fs:
            g(h)
    return f

def no_worker(h):
    """Nobody works: no work recorded and no wage line."""
    for m in h["members"]:
        m.pop("work", None)
    h["income"] = [l for l in h["income"] if l["category"] != "wage"]

def nobody_able(h):
    """Everyone ill or a child, none able to work, an employment measure still running."""
    no_worker(h)
    h["members"][0].update(labor="lost")
    h["members"][1].update(labor="lost", health="chronic")
    h["measures"] = [{"class": "employment", "content": "就业帮扶：推荐公益性岗位",
                      "start": "2024-03-01"}]

def same_id(h):
    h["members"][1]["id_number"] = id_number("360729", "19720805", 499, "2")

def same_phone(h):
    h["phone"] = "13800000999"

def procedure(**change):
    """The 纳入监测 procedure of a household identified on 2025-03-01, done by the book;
    `change` replaces a step (`publicity={...}`) or drops it (`publicity=None`)."""
    steps = {
        "application": {"date": "2025-02-17"},
        "home_check": {"date": "2025-02-18", "people": "王建国、李明"},
        "data_comparison": {"date": "2025-02-19"},
        "democratic_review": {"date": "2025-02-21"},
        "publicity": {"date": "2025-02-21", "until": "2025-02-25"},
        "township_review": {"date": "2025-02-27"},
        "county_approval": {"date": "2025-03-01"},
    }
    steps.update(change)
    def f(h):
        h["monitoring"]["x_procedure"] = [
            {"stage": "identification", "step": k, **v} for k, v in steps.items() if v]
    return f

def monitored_by(**change):
    return both(monitored(["illness"], [HEALTH, INDUSTRY]), procedure(**change))

SPELL = {"from": "2025-10", "to": None, "county": "全南县", "wage": 3200.0, "channel": "on_own",
         "employer": "全南县宏达电子厂", "industry": "制造业"}

def spell(**change):
    return {**SPELL, **change}

def spells(i, *list_):
    """Member i's spells of work (x_work_spells, migration 0013)."""
    return member(i, x_work_spells=list(list_))

def posts(i, *names, start="2025-06"):
    return member(i, x_welfare_posts=[{"post": p, "from": start, "monthly_pay": 800.0} for p in names])

INDUSTRY = ("industry", "产业奖补：脐橙种植")
HEALTH = ("health", "医疗救助")
EMPLOYMENT = ("employment", "就业帮扶")
cases = [
    household(1),
    household(2),
    household(3, member(2, schooling="senior1")),
    household(4, member(2, schooling="not_student", education="college_plus")),
    household(5, member(2, labor="ordinary")),
    household(6, lambda h: h["members"][0].update(
        id_number=id_number("360729", "19600312", 24, "1"))),
    household(7, member(1, labor="weak")),
    household(8, member(2, work={"place": "out_of_province", "months": 6})),
    household(9, member(1, labor="lost", health="disabled", disability_grade=3,
                        work={"place": "in_county", "months": 8})),
    household(10, same_id),
    household(11, same_id),
    household(12, same_phone),
    household(13, same_phone),
    household(14, monitored([], [INDUSTRY])),
    household(15, monitored(["disability"], [EMPLOYMENT])),
    household(16, monitored(["illness"], [INDUSTRY])),
    household(17, monitored(["illness"], [HEALTH])),
    household(18, monitored(["illness"], [HEALTH, INDUSTRY], eliminated="2025-06-01")),
    household(19, lambda h: h["conditions"].update(house_grade="C")),
    household(20, both(monitored(["illness"], [HEALTH, INDUSTRY]),
                       lambda h: h.update(rigid_expenses=[]))),
    # Fields the county's export needs filled.
    household(21, lambda h: h.update(phone=None)),
    household(22, lambda h: h.update(phone="0797-8321234")),
    household(23, lambda h: h["conditions"].pop("road_type")),
    household(24, member(1, id_number=None)),
    household(25, member(0, ethnicity=None)),
    household(26, member(1, health=None)),
    household(27, member(1, labor=None)),
    household(28, member(1, education=None, schooling=None)),
    household(29, member(1, pension_insurance=None)),
    # Members against the year's parameters.
    household(30, member(2, schooling="not_student")),
    household(31, member(1, tekun="dispersed")),
    # 一户一策 and monitoring.
    household(32, monitored(["illness"], [INDUSTRY], eliminated="2025-10-01")),
    household(33, both(monitored(["illness"], [HEALTH, INDUSTRY]),
                       lambda h: h["conditions"].update(drinking_water_safe=False))),
    household(34, monitored(["other"], [INDUSTRY])),
    # Person rows: disability, school exemption, work.
    household(35, member(1, health="disabled")),
    household(36, member(1, health="disabled", disability_grade=1)),
    household(37, member(2, schooling_exempt=True)),
    household(38, member(2, schooling="not_student", education="junior_high",
                         work={"place": "in_county", "months": 3})),
    household(39, member(0, tekun="dispersed")),
    # Measures against what they answer (once held back until the demo passed them).
    household(40, monitored(["accident"], [])),
    household(41, both(monitored(["illness"], [HEALTH, INDUSTRY]), member(0, dibao=True))),
    household(42, both(monitored(["unstable_work"], [EMPLOYMENT]), no_worker)),
    household(43, nobody_able),
    # The fields of migration 0009 (x_ keys).
    household(44, monitored(["disaster"], [("social_security", "临时救助", "temporary_relief"),
                                            INDUSTRY])),
    household(45, member(0, x_phone="0797-8325555")),
    household(46, member(1, x_phone="13912340000")),
    household(47, member(0, x_phone="13912340000")),
    household(48, both(member(0, x_phone="13912348888"),
                       member(1, x_phone="13912348888",
                              work={"place": "out_of_province", "months": 10}))),
    household(49, member(1, x_employee_medical_insurance=True)),
    household(50, member(1, medical_insurance=False, x_medical_assistance=True)),
    household(51, certificate(1, "44", health="disabled", disability_grade=3, labor="weak")),
    household(52, certificate(1, "43")),
    household(53, add_measure("social_security", "纳入农村低保兜底", "dibao")),
    household(54, add_measure("social_security", "残疾人两项补贴", "disability_allowance")),
    household(55, add_measure("education", "雨露计划职业教育补助", "yulu")),
    household(56, both(monitored(["disability"], [HEALTH, INDUSTRY]),
                       member(1, health="disabled", disability_grade=2, labor="weak"))),
    household(57, monitored(["illness"], [HEALTH, ("employment", "技能培训", "skills_training")])),
    # The monitoring procedure (migration 0012): limits of the policy.
    household(59, monitored_by(publicity={"date": "2025-02-21", "until": "2025-02-23"})),
    household(60, monitored_by(township_review={"date": "2025-02-25"})),
    household(61, monitored_by(democratic_review=None)),
    household(62, monitored_by(home_check={"date": "2025-02-18", "people": "王建国"})),
    household(63, monitored_by(county_approval={"date": "2025-03-03"})),
    household(64, monitored_by(application={"date": "2025-02-01"})),
    household(65, monitored_by(publicity={"date": "2025-02-21"})),
    # Clean: a procedure done by the book.
    household(66, monitored_by()),
    # Spells of work and public-welfare posts (migration 0013).
    household(67, both(spells(0, spell()), posts(1, "保洁员"))),
    household(68, spells(0, spell(**{"from": "2024-03", "to": "2024-12"}), spell(**{"from": "2024-10"}))),
    household(69, spells(0, spell(wage=300.0))),
    household(70, spells(0, spell(county="广东省"))),
    household(71, spells(0, spell(employer=None))),
    household(72, spells(0, spell(**{"from": "2020-05"}))),
    household(73, spells(1, spell())),
    household(74, both(spells(0, spell(**{"from": "2025-12", "to": "2025-10"})), lambda h: None)),
    household(75, spells(2, spell())),
    household(76, both(spells(0, spell(channel="public_welfare_post", county="东莞市")),
                       member(0, work={"place": "out_of_province", "months": 8}))),
    household(77, posts(2, "护林员")),
    household(78, posts(1, "保洁员", "护林员", "护路员")),
    household(79, both(spells(0, spell()),
                       add_measure("employment", "外出务工交通补贴", "travel_subsidy"))),
    household(80, both(spells(1, spell()), member(1, tekun="dispersed"))),
    household(81, both(posts(0, "护林员"), lambda h: h["members"][0].update(
        id_number=id_number("360729", "19500312", 81 * 4, "1")))),
    # 5_15_006: a public-welfare post held by a member who has lost the ability to work.
    household(82, both(posts(1, "保洁员"), member(1, labor="lost", health="disabled",
                                                 disability_grade=1))),
    # Clean: an employee-insured member need not answer the resident insurance.
    household(58, member(1, medical_insurance=None, x_employee_medical_insurance=True,
                         x_employee_pension_insurance=True, pension_insurance=None)),
]
doc = {k: v for k, v in village.items() if k != "households"}
doc["households"] = cases
(here / "breaks.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
