# A county's person-level workbook in the monitoring system's layout, for the import
# benchmark (docs/benchmarks.md): V villages of H households of 3 people, title rows, the
# header on row 3, the household's columns repeated on each person's row, no 村代码
# column (each village's code is the first 12 digits of its 户编号). The people are
# plausible (户主 a man, 配偶 a woman, those of 60 or more not ordinary labour, the wage
# earned by the child working away), so a household draws the warnings a real export's
# does: no pairing, which the sheet does not carry.
#
#   python3 benches/county_workbook.py 60 333 county.xlsx [--utf8]
#   yibentong --db c.db import county.xlsx
#
# openpyxl writes every character outside ASCII as a reference (`&#38271;` for 长), which
# Excel, WPS and the Java libraries behind web exports do not: `--utf8` rewrites the sheet
# with the characters themselves, as those write it (the same cells, a lighter file to read).
import re
import sys
import zipfile
from openpyxl import Workbook

HEADER = ["序号", "县", "乡", "村", "户编号", "人编号", "姓名", "证件号码", "性别", "民族", "与户主关系",
          "户类型", "主要致贫原因", "文化程度", "在校生状况", "健康状况", "劳动技能", "户联系电话",
          "是否参加城乡居民基本医疗保险", "是否参加大病保险", "享受低保政策情况", "享受特困供养政策情况",
          "是否解决安全饮用水", "住房面积", "务工状况", "务工时间（月）", "工资性收入"]


def id_number(birth, seq):
    body = f"522729{birth}{seq:03d}"
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(a) * b for a, b in zip(body, w)) % 11]


def main(villages, households, out):
    book = Workbook(write_only=True)
    sheet = book.create_sheet("监测对象信息")
    sheet.append(["（自定义）监测对象信息"])
    sheet.append(["长顺县"])
    sheet.append(HEADER)
    row = person = 0
    for v in range(villages):
        code = f"522729{100 + v // 20:03d}{200 + v % 20:03d}"
        for h in range(households):
            household = f"{code}{h + 1:04d}"
            for k, (relation, base) in enumerate([("户主", 1968), ("配偶", 1970), ("之子", 2000)]):
                person += 1
                row += 1
                # A distinct ID number for each person: day, month, sequence and year vary;
                # the sequence's last digit is the sex (odd: a man).
                male = relation == "户主" or (relation == "之子" and person % 2 == 0)
                year = base - (person // 168000) % 30
                birth = f"{year}{1 + (person // 28) % 12:02d}{1 + person % 28:02d}"
                number = id_number(birth, (person // 336) % 500 * 2 + male)
                if relation == "之子" and not male:
                    relation = "之女"
                labor = "普通劳动力" if year > 1966 else "弱劳动力或半劳动力"
                work = ("省外务工", 10) if k == 2 else (None, None)
                sheet.append([row, "长顺县", f"乡{v // 20}", f"村{v}", household, f"{household}{k + 1:02d}",
                              f"人{person}", number, "1" if male else "2", "汉族", relation, "脱贫户", "缺技术",
                              "初中", None, "健康", labor, "13985400001", "是", "是", "未享受", "不享受", "是",
                              90, *work, 12000])
    book.save(out)
    print(f"{out}: {villages} villages, {villages * households} households, {row} people")


def as_utf8(path):
    """Rewrites the workbook's XML parts with characters as UTF-8 instead of references."""
    with zipfile.ZipFile(path) as src:
        parts = [(i, src.read(i)) for i in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info, data in parts:
            if info.filename.endswith(".xml"):
                data = re.sub(rb"&#(\d+);", lambda m: chr(int(m.group(1))).encode(), data)
            dst.writestr(info.filename, data)


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3])
    if "--utf8" in sys.argv[4:]:
        as_utf8(sys.argv[3])
