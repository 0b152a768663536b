# Generates the monitoring-system workbooks the Excel tests read; run: python3 generate.py
# (needs openpyxl: Debian python3-openpyxl, or pip install openpyxl).
#
# monitoring.xlsx is laid out like the national system's person-level export
# （自定义）监测对象信息: two title rows, the header on row 3, one row per person with the
# household's columns repeated, columns we do not read mixed in (序号, 证件类型, 务工所在地 …,
# and 风险是否已消除 twice). monitoring.expected.json holds, per household, the exchange v1
# fields those rows must import as (written here by hand, not by the program under test).
# bad.xlsx is the same sheet with unreadable cells at known rows and columns.
import json, os
from openpyxl import Workbook

HERE = os.path.dirname(os.path.abspath(__file__))

def idn(area, birth, seq):
    body = f"{area}{birth}{seq:03d}"
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(a) * b for a, b in zip(body, w)) % 11]

HEADER = ["序号", "县", "乡", "村", "户编号", "人编号", "姓名", "证件类型", "证件号码", "性别", "民族",
          "与户主关系", "户类型", "主要致贫原因", "监测对象类别", "致贫/返贫风险1", "致贫/返贫风险2", "致贫/返贫风险3",
          "致贫/返贫风险4", "致贫/返贫风险5", "风险是否已消除", "风险消除方式", "识别监测时间", "消除监测时间",
          "文化程度", "在校生状况", "健康状况", "劳动技能", "务工所在地", "家庭成员联系电话", "户联系电话",
          "是否参加城乡居民基本医疗保险", "是否参加大病保险", "是否参加城乡居民基本养老保险",
          "享受低保政策情况", "享受特困供养政策情况", "是否解决安全饮用水", "是否通生活用电", "是否有卫生厕所",
          "与村主干路距离", "住房面积", "耕地面积（亩）", "林地面积（亩）", "牧草地面积", "水面面积",
          "工资性收入", "人均纯收入（元）", "风险是否已消除", "是否参加城镇职工基本医疗保险",
          "是否参加城镇职工基本养老保险", "是否接受医疗救助", "义务教育阶段未上学原因",
          "整户无劳动能力兜底保障户", "因自然灾害子项"]

PLACE = dict(县="长顺县", 乡="广顺镇", 村="石洞村")

# Households: the household's cells, then its people (cells by header), then what they import as.
H1 = dict(cells={"户编号": "5227291002010001", "户类型": "脱贫户", "主要致贫原因": "缺技术", "户联系电话": "13985400001",
                 "是否解决安全饮用水": "是", "是否通生活用电": "是", "是否有卫生厕所": "是",
                 "与村主干路距离": 1.5, "住房面积": 96, "耕地面积（亩）": 3.2, "林地面积（亩）": 5,
                 "牧草地面积": 0, "水面面积": 0, "工资性收入": 12000},
          people=[
    {"人编号": "52272910020100010101", "姓名": "王大山", "证件号码": idn("522729", "19680405", 131),
     "性别": "1", "民族": "布依族", "与户主关系": "户主", "文化程度": "初中", "健康状况": "健康",
     "劳动技能": "普通劳动力", "务工所在地": "广东省深圳市宝安区", "是否参加城乡居民基本医疗保险": "是",
     "家庭成员联系电话": "13985400011", "是否参加城镇职工基本养老保险": "否",
     "是否参加大病保险": "是", "是否参加城乡居民基本养老保险": "是", "享受低保政策情况": "未享受",
     "享受特困供养政策情况": "不享受"},
    {"人编号": "52272910020100010102", "姓名": "刘桂花", "证件号码": idn("522729", "19700918", 222),
     "性别": "2", "民族": "布依族", "与户主关系": "配偶", "文化程度": "小学", "健康状况": "健康",
     "劳动技能": "普通劳动力", "是否参加城乡居民基本医疗保险": "是", "是否参加大病保险": "是",
     "是否参加城乡居民基本养老保险": "是", "享受低保政策情况": "未享受", "享受特困供养政策情况": "不享受"},
    {"人编号": "52272910020100010103", "姓名": "王小军", "证件号码": idn("522729", "20120611", 313),
     "性别": "男", "民族": "布依族", "与户主关系": "之子", "在校生状况": "八年级", "健康状况": "健康",
     "劳动技能": "无劳动力", "是否参加城乡居民基本医疗保险": "是", "是否参加大病保险": "是",
     "享受低保政策情况": "未享受", "享受特困供养政策情况": "不享受"},
    {"人编号": "52272910020100010104", "姓名": "王小雪", "证件号码": idn("522729", "20200302", 424),
     "性别": "女", "民族": "布依族", "与户主关系": "之女", "在校生状况": "学龄前儿童", "健康状况": "健康",
     "劳动技能": "无劳动力", "是否参加城乡居民基本医疗保险": "是", "是否参加大病保险": "是"},
])
H2 = dict(cells={"户编号": "5227291002010002", "户类型": "一般农户", "监测对象类别": "边缘易致贫户",
                 "致贫/返贫风险1": "因病", "致贫/返贫风险2": "因学", "风险是否已消除": "否",
                 "识别监测时间": 202304, "户联系电话": "13985400002", "是否解决安全饮用水": "是",
                 "整户无劳动能力兜底保障户": "否",
                 "是否通生活用电": "是", "是否有卫生厕所": "否", "与村主干路距离": 0.8, "住房面积": 120.5,
                 "耕地面积（亩）": 2, "林地面积（亩）": 0, "牧草地面积": 0, "水面面积": 0.5},
          people=[
    {"人编号": "52272910020100020101", "姓名": "陈光明", "证件号码": idn("522729", "19750120", 515),
     "性别": "男", "民族": "汉族", "与户主关系": "户主", "文化程度": "高中", "健康状况": "长期慢性病",
     "劳动技能": "弱劳动力或半劳动力", "是否参加城乡居民基本医疗保险": "是", "是否参加大病保险": "是",
     "是否参加城乡居民基本养老保险": "是", "享受低保政策情况": "农村低保", "享受特困供养政策情况": "不享受"},
    # A 残疾人证号: the ID number followed by 类别 4 (肢体) and 等级 2.
    {"人编号": "52272910020100020102", "姓名": "陈母", "证件号码": idn("522729", "19480808", 626) + "42",
     "证件类型": "残疾人证", "性别": "女", "民族": "汉族", "与户主关系": "母亲", "文化程度": "文盲或半文盲",
     "是否接受医疗救助": "是",
     "健康状况": "残疾", "劳动技能": "丧失劳动力", "是否参加城乡居民基本医疗保险": "是",
     "是否参加大病保险": "是", "是否参加城乡居民基本养老保险": "是", "享受低保政策情况": "农村低保",
     "享受特困供养政策情况": "不享受"},
    {"人编号": "52272910020100020103", "姓名": "陈小雨", "证件号码": idn("522729", "20091021", 728),
     "性别": "女", "民族": "汉族", "与户主关系": "之女", "在校生状况": "普通高中一年级", "健康状况": "健康",
     "劳动技能": "无劳动力", "是否参加城乡居民基本医疗保险": "是", "是否参加大病保险": "是",
     "享受低保政策情况": "农村低保"},
])
H3 = dict(cells={"户编号": "5227291002010003", "户类型": "脱贫户", "主要致贫原因": "因病",
                 "监测对象类别": "脱贫不稳定户",
                 "致贫/返贫风险1": "因务工就业不稳", "致贫/返贫风险2": "缺劳动力", "风险是否已消除": "是",
                 "风险消除方式": "帮扶消除", "识别监测时间": "2022年06月", "消除监测时间": "2023年11月",
                 "是否解决安全饮用水": "是", "是否通生活用电": "是", "是否有卫生厕所": "是",
                 "与村主干路距离": 2, "住房面积": 75, "耕地面积（亩）": 1.5, "林地面积（亩）": 2,
                 "牧草地面积": 0, "水面面积": 0},
          people=[
    {"人编号": "52272910020100030101", "姓名": "杨秀英", "证件号码": idn("522729", "19600515", 842),
     "性别": "女", "民族": "苗族", "与户主关系": "户主", "文化程度": "文盲或半文盲", "健康状况": "长期慢性病",
     "劳动技能": "弱劳动力或半劳动力", "是否参加城乡居民基本医疗保险": "是", "是否参加大病保险": "是",
     "是否参加城乡居民基本养老保险": "是", "享受低保政策情况": "未享受", "享受特困供养政策情况": "不享受"},
    {"人编号": "52272910020100030102", "姓名": "杨浩", "证件号码": idn("522729", "20160722", 951),
     "性别": "男", "民族": "苗族", "与户主关系": "孙子", "在校生状况": "小学", "健康状况": "健康",
     "劳动技能": "无劳动力", "是否参加城乡居民基本医疗保险": "是", "是否参加大病保险": "是",
     "享受低保政策情况": "未享受", "享受特困供养政策情况": "不享受"},
])

# What each household imports as (exchange v1 fields; ids and unlisted fields left out).
EXPECTED = [
    dict(code="5227291002010001", phone="13985400001", status="exited", main_cause="lack_skills",
         conditions=dict(drinking_water_safe=True, electricity=True, sanitary_toilet=True,
                         road_distance_km=1.5, house_area_m2=96.0, farmland_mu=3.2, forest_mu=5.0,
                         grassland_mu=0.0, water_surface_mu=0.0),
         members=[
             dict(id="52272910020100010101", name="王大山", id_number=idn("522729", "19680405", 131),
                  sex="male", ethnicity="布依族", relation="head", education="junior_high",
                  schooling="not_student", health="healthy", labor="ordinary", medical_insurance=True,
                  serious_illness_insurance=True, pension_insurance=True, dibao=False, tekun="no",
                  x_phone="13985400011", x_employee_pension_insurance=False,
                  work=dict(place="out_of_province")),
             dict(id="52272910020100010102", name="刘桂花", id_number=idn("522729", "19700918", 222),
                  sex="female", ethnicity="布依族", relation="spouse", education="primary",
                  schooling="not_student", health="healthy", labor="ordinary", medical_insurance=True,
                  serious_illness_insurance=True, pension_insurance=True, dibao=False, tekun="no"),
             dict(id="52272910020100010103", name="王小军", id_number=idn("522729", "20120611", 313),
                  sex="male", ethnicity="布依族", relation="son", schooling="grade8", health="healthy",
                  labor="none", medical_insurance=True, serious_illness_insurance=True, dibao=False,
                  tekun="no"),
             dict(id="52272910020100010104", name="王小雪", id_number=idn("522729", "20200302", 424),
                  sex="female", ethnicity="布依族", relation="daughter", education="preschool_child",
                  schooling="not_student", health="healthy", labor="none", medical_insurance=True,
                  serious_illness_insurance=True),
         ]),
    dict(code="5227291002010002", phone="13985400002", status="monitored", x_no_labor_guarantee=False,
         monitoring=dict(kind="marginal", identified="2023-04-01", risks=["illness", "schooling"],
                         eliminated=None),
         conditions=dict(drinking_water_safe=True, electricity=True, sanitary_toilet=False,
                         road_distance_km=0.8, house_area_m2=120.5, farmland_mu=2.0, forest_mu=0.0,
                         grassland_mu=0.0, water_surface_mu=0.5),
         members=[
             dict(id="52272910020100020101", name="陈光明", id_number=idn("522729", "19750120", 515),
                  sex="male", ethnicity="汉族", relation="head", education="senior_high",
                  schooling="not_student", health="chronic", labor="weak", medical_insurance=True,
                  serious_illness_insurance=True, pension_insurance=True, dibao=True, tekun="no"),
             # The 残疾人证号 is kept whole, with its kind.
             dict(id="52272910020100020102", name="陈母", id_number=idn("522729", "19480808", 626) + "42",
                  x_document="disability_certificate",
                  sex="female", ethnicity="汉族", relation="mother", education="illiterate",
                  # 残疾等级 from the certificate's 20th character (the sheet has no column).
                  schooling="not_student", health="disabled", disability_grade=2, labor="lost",
                  medical_insurance=True,
                  serious_illness_insurance=True, pension_insurance=True, dibao=True, tekun="no",
                  x_medical_assistance=True),
             dict(id="52272910020100020103", name="陈小雨", id_number=idn("522729", "20091021", 728),
                  sex="female", ethnicity="汉族", relation="daughter", schooling="senior1",
                  health="healthy", labor="none", medical_insurance=True,
                  serious_illness_insurance=True, dibao=True),
         ]),
    dict(code="5227291002010003", status="risk_eliminated", main_cause="illness",
         monitoring=dict(kind="unstable_exited", identified="2022-06-01",
                         risks=["unstable_work", "lack_labor"], eliminated="2023-11-01",
                         x_elimination_mode="assisted"),
         conditions=dict(drinking_water_safe=True, electricity=True, sanitary_toilet=True,
                         road_distance_km=2.0, house_area_m2=75.0, farmland_mu=1.5, forest_mu=2.0,
                         grassland_mu=0.0, water_surface_mu=0.0),
         members=[
             dict(id="52272910020100030101", name="杨秀英", id_number=idn("522729", "19600515", 842),
                  sex="female", ethnicity="苗族", relation="head", education="illiterate",
                  schooling="not_student", health="chronic", labor="weak", medical_insurance=True,
                  serious_illness_insurance=True, pension_insurance=True, dibao=False, tekun="no"),
             dict(id="52272910020100030102", name="杨浩", id_number=idn("522729", "20160722", 951),
                  sex="male", ethnicity="苗族", relation="grandson", schooling="primary",
                  health="healthy", labor="none", medical_insurance=True,
                  serious_illness_insurance=True, dibao=False, tekun="no"),
         ]),
]

def rows(households):
    out = []
    for h in households:
        for p in h["people"]:
            out.append({**PLACE, **h["cells"], **p})
    return out

def save(name, people, header=HEADER, written_as={}):
    wb = Workbook()
    ws = wb.active
    ws.title = "监测对象信息"
    ws.append(["（自定义）监测对象信息"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws.append(["导出条件：长顺县广顺镇石洞村；导出时间：2024-01-22"])
    ws.append([written_as.get(h, h) for h in header])
    for i, p in enumerate(people, 1):
        p = {**p, "序号": i}
        ws.append([p.get(h) for h in header])
    wb.save(os.path.join(HERE, name))

save("monitoring.xlsx", rows([H1, H2, H3]))
with open(os.path.join(HERE, "monitoring.expected.json"), "w", encoding="utf-8") as f:
    json.dump(dict(village=dict(code="522729100201", name="石洞村", township="广顺镇", county="长顺县"),
                   households=EXPECTED), f, ensure_ascii=False, indent=1)
    f.write("\n")

# bad.xlsx: unreadable cells — row 7 在校生状况 初三, row 8 性别 3, row 12 a 识别监测时间
# that disagrees with its household's first row (row 11).
bad = rows([H1, H2, H3])
bad[3]["在校生状况"] = "初三"
bad[4]["性别"] = "3"
bad[8]["识别监测时间"] = "2022年07月"
save("bad.xlsx", bad)

# bad_id.xlsx: every cell readable, but row 5's ID number has a wrong check digit.
bad = rows([H1, H2, H3])
last = bad[1]["证件号码"][17]
bad[1]["证件号码"] = bad[1]["证件号码"][:17] + ("1" if last == "0" else "0")
save("bad_id.xlsx", bad)

# spec_only.xlsx: only the columns the monitoring system's person sheet has — no
# 主要致贫原因 — with an area header in half-width brackets, a relation the system lists
# and our code list does not (之侄女: other, kept as written), the 文化程度 技师 (senior high,
# kept as written), the urban 低保 and 特困 schemes and a
# 户类型 of its own wording.
spec = rows([H1, H2])
spec[0]["文化程度"] = "技师"
spec[3]["与户主关系"] = "之侄女"
# The urban schemes: 城市低保 for the head of H2, 城市特困 for his mother (design note 0018).
spec[4]["享受低保政策情况"] = "城市低保"
spec[5]["享受低保政策情况"] = "未享受"
spec[5]["享受特困供养政策情况"] = "城市特困"
# A son at graduate school: 在校生状况 硕士生及以上, which our list has as 大专及以上.
spec.insert(7, {**PLACE, **H2["cells"], "人编号": "52272910020100020104", "姓名": "陈小峰",
                "证件号码": idn("522729", "20010305", 813), "性别": "男", "民族": "汉族",
                "与户主关系": "之子", "在校生状况": "硕士生及以上", "健康状况": "健康",
                "劳动技能": "普通劳动力", "是否参加城乡居民基本医疗保险": "是", "是否参加大病保险": "是",
                "是否参加城乡居民基本养老保险": "是", "享受低保政策情况": "农村低保",
                "享受特困供养政策情况": "不享受"})
# 户类型 other than 脱贫户 means "not a 脱贫户" (here a 监测对象 by its monitoring columns).
for p in spec[4:]:
    p["户类型"] = "非脱贫户"
save("spec_only.xlsx", spec, header=[h for h in HEADER if h != "主要致贫原因"],
     written_as={"耕地面积（亩）": "耕地面积(亩)"})

# bad_mixed.xlsx: an unreadable cell (row 7 在校生状况 初三) beside values that read but
# are wrong: row 8's ID number has a wrong check digit, and row 12 carries row 6's person
# (one ID number in two households). All four are to be reported at once.
bad = rows([H1, H2, H3])
bad[3]["在校生状况"] = "初三"
last = bad[4]["证件号码"][17]
bad[4]["证件号码"] = bad[4]["证件号码"][:17] + ("1" if last == "0" else "0")
bad[8]["证件号码"] = bad[2]["证件号码"]
save("bad_mixed.xlsx", bad)

# sudden.xlsx: a 脱贫户 monitored as a 突发严重困难户 (not for an unstable exit), its risk
# eliminated: the sheet gives no year of its registration, and it stays a 脱贫户.
sudden = dict(cells={**H3["cells"], "监测对象类别": "突发严重困难户"}, people=H3["people"])
save("sudden.xlsx", rows([sudden]))

# township.xlsx: a township's export of two villages (the system exports by area, not by
# village): 石洞村's H1 and H2 with 新寨村's one household between them. No 村代码 column:
# each village's code is the first 12 digits of its 户编号. 新寨村's household is H3's
# family under 新寨村's codes; township.expected.json says what each village holds.
XINZHAI = dict(县="长顺县", 乡="广顺镇", 村="新寨村")
def in_xinzhai(h, code):
    people = [{**p, "人编号": code + p["人编号"][-4:]} for p in h["people"]]
    return dict(cells={**h["cells"], "户编号": code}, people=people)
X1 = in_xinzhai(H3, "5227291002020001")
township = rows([H1]) + [{**p, **XINZHAI} for p in rows([X1])] + rows([H2])
save("township.xlsx", township)
x1 = json.loads(json.dumps(EXPECTED[2]))
x1["code"] = "5227291002020001"
for m in x1["members"]:
    m["id"] = "5227291002020001" + m["id"][-4:]
with open(os.path.join(HERE, "township.expected.json"), "w", encoding="utf-8") as f:
    json.dump([dict(village=dict(code="522729100201", name="石洞村", township="广顺镇", county="长顺县"),
                    households=[EXPECTED[0]["code"], EXPECTED[1]["code"]]),
               dict(village=dict(code="522729100202", name="新寨村", township="广顺镇", county="长顺县"),
                    households=[x1])], f, ensure_ascii=False, indent=1)
    f.write("\n")

# county.xlsx: a county's export of four villages of one household each (H1's family under
# each village's codes, no pairing: a warning each): the command line points to a county's
# warnings in one line, not one a village.
county = []
for v, name in enumerate(["石门村", "摆所村", "代化村", "睦化村"]):
    # Another family each: the same people's ID numbers with another sequence (the same sex).
    county += [{**p, **dict(县="长顺县", 乡="代化镇", 村=name),
                "证件号码": idn(p["证件号码"][:6], p["证件号码"][6:14], int(p["证件号码"][14:17]) - 10 * (v + 1))}
               for p in rows([in_xinzhai(H1, f"5227291003{v:02d}0001")])]
save("county.xlsx", county)

# township_bad.xlsx: the same, with an unreadable cell in 新寨村's rows (row 8 性别 3) and
# H2's 户编号 mistyped as 新寨村's neighbour 522729100209… while its rows still name 石洞村
# (rows 10–12): a mistyped code, not a third village; and row 5 carries the ID number of
# 新寨村's row 9 (one person in two villages). All reported, nothing written.
bad = json.loads(json.dumps(township))
bad[4]["性别"] = "3"
bad[1]["证件号码"] = bad[5]["证件号码"]
for p in bad[6:]:
    p["户编号"] = "5227291002090002"
save("township_bad.xlsx", bad)

# mixed_forms.xlsx: monitoring.xlsx as a sheet saved from Excel or WPS may hold it, one
# value in different forms on the rows of one household: a month as the number 202304, as
# the text 2023年04月 and as a date cell; an area as 120.5 and as the text 120.50; a
# distance as 2 and as 2.0. They agree: it imports as monitoring.expected.json says.
from datetime import datetime as _datetime
mixed = rows([H1, H2, H3])
mixed[5]["识别监测时间"] = "2023年04月"
mixed[5]["住房面积"] = "120.50"
mixed[6]["识别监测时间"] = _datetime(2023, 4, 1)
mixed[8]["识别监测时间"] = "202206"
mixed[8]["与村主干路距离"] = "2.0"
save("mixed_forms.xlsx", mixed)

# bad_month.xlsx: a month that is no month (2023-13) on a later row of a household (row 9):
# refused as unreadable, not as disagreeing with the household's first row.
bad = rows([H1, H2, H3])
bad[5]["识别监测时间"] = "2023-13"
save("bad_month.xlsx", bad)

# east_asian_dates.xlsx: monitoring.xlsx with its months typed as dates in a Chinese copy
# of Excel or WPS, which shows them through the built-in East Asian formats — ids 57
# (yyyy"年"m"月"), 31 (yyyy"年"m"月"d"日") and 14 (the short date) — that name no format
# string in the file. They must import as monitoring.expected.json says.
import re, zipfile
from datetime import datetime
dated = rows([H1, H2, H3])
# openpyxl names a custom format for each; the file is then rewritten to give the built-in
# id alone, as Excel does.
BUILT_IN = {'yyyy"年"m"月"': 57, 'yyyy"年"m"月"d"日"': 31}
for p in dated:
    # A cell typed as a date: its value and the format it is shown in.
    if p["户编号"] == H2["cells"]["户编号"]:
        p["识别监测时间"] = (datetime(2023, 4, 1), 'yyyy"年"m"月"')
    if p["户编号"] == H3["cells"]["户编号"]:
        p["识别监测时间"] = (datetime(2022, 6, 1), 'yyyy"年"m"月"d"日"')
        p["消除监测时间"] = (datetime(2023, 11, 1), "mm-dd-yy")
wb = Workbook()
ws = wb.active
ws.title = "监测对象信息"
ws.append(["（自定义）监测对象信息"])
ws.append(["导出条件：长顺县广顺镇石洞村；导出时间：2024-01-22"])
ws.append(HEADER)
for i, p in enumerate(dated, 1):
    p = {**p, "序号": i}
    ws.append([p.get(h)[0] if isinstance(p.get(h), tuple) else p.get(h) for h in HEADER])
    for c, h in enumerate(HEADER, 1):
        if isinstance(p.get(h), tuple):
            ws.cell(row=ws.max_row, column=c).number_format = p[h][1]
path = os.path.join(HERE, "east_asian_dates.xlsx")
wb.save(path)
with zipfile.ZipFile(path) as z:
    parts = {n: z.read(n) for n in z.namelist()}
styles = parts["xl/styles.xml"].decode("utf-8")
for m in re.finditer(r'<numFmt numFmtId="(\d+)" formatCode="([^"]*)"\s*/>', styles):
    built_in = BUILT_IN.get(m.group(2).replace("&quot;", '"'))
    if built_in:
        styles = styles.replace(m.group(0), "").replace(f'numFmtId="{m.group(1)}"', f'numFmtId="{built_in}"')
left = len(re.findall(r"<numFmt ", styles))
styles = re.sub(r'<numFmts count="\d+">', f'<numFmts count="{left}">', styles)
assert 'numFmtId="57"' in styles and 'numFmtId="31"' in styles, styles
parts["xl/styles.xml"] = styles.encode("utf-8")
with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
    for n, b in parts.items():
        z.writestr(n, b)

# monitoring.xls and bad.xls: monitoring.xlsx and bad.xlsx saved as Excel 97–2003
# workbooks, as older copies of Excel and WPS save them (written by xlwt: pip install
# xlwt). They must import, and be refused, as their .xlsx do.
try:
    import xlwt
except ImportError:
    xlwt = None
    print("xlwt is not installed: the .xls files are left as they are")

def save_xls(name, people):
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("监测对象信息")
    sheet.write_merge(0, 0, 0, len(HEADER) - 1, "（自定义）监测对象信息")
    sheet.write(1, 0, "导出条件：长顺县广顺镇石洞村；导出时间：2024-01-22")
    for c, h in enumerate(HEADER):
        sheet.write(2, c, h)
    for r, p in enumerate(people, 3):
        p = {**p, "序号": r - 2}
        for c, h in enumerate(HEADER):
            if p.get(h) is not None:
                sheet.write(r, c, p[h])
    book.save(os.path.join(HERE, name))

if xlwt:
    save_xls("monitoring.xls", rows([H1, H2, H3]))
    bad = rows([H1, H2, H3])
    bad[3]["在校生状况"] = "初三"
    bad[4]["性别"] = "3"
    bad[8]["识别监测时间"] = "2022年07月"
    save_xls("bad.xls", bad)
