# Generates the history fixtures (one village, seven yearly snapshots); run: python3 generate.py
import json, copy
def idn(area, birth, seq):
    body = f"{area}{birth}{seq:03d}"
    w=[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]
    c="10X98765432"[sum(int(a)*b for a,b in zip(body,w))%11]
    return body+c
P = {
 'zs': dict(id='m-11', name='张三', id_number=idn('360729','19700312',131), relation='head', sex='male', ethnicity='汉族', education='junior_high', health='chronic', labor='ordinary', medical_insurance=True, serious_illness_insurance=True, pension_insurance=True, family_doctor=True, dibao=False, tekun='no'),
 'lxy': dict(id='m-12', name='李秀英', id_number=idn('360729','19720805',242), relation='spouse', sex='female', ethnicity='汉族', education='primary', health='healthy', labor='ordinary', medical_insurance=True, serious_illness_insurance=True, pension_insurance=True, family_doctor=True, dibao=False, tekun='no'),
 'zxm': dict(id='m-13', name='张小明', id_number=idn('360729','20060315',351), relation='son', sex='male', ethnicity='汉族', medical_insurance=True, serious_illness_insurance=True, family_doctor=True, dibao=False, tekun='no', health='healthy'),
 'zlh': dict(id='m-21', name='钟老汉', id_number=idn('360729','19550101',571), relation='head', sex='male', ethnicity='汉族', education='illiterate', health='serious_illness', labor='lost', schooling='not_student', medical_insurance=True, serious_illness_insurance=True, pension_insurance=True, family_doctor=True, dibao=True, tekun='no', has_legal_supporter=True),
 'lgl': dict(id='m-22', name='刘桂兰', id_number=idn('360729','19570709',582), relation='spouse', sex='female', ethnicity='汉族', education='illiterate', health='chronic', labor='weak', schooling='not_student', medical_insurance=True, serious_illness_insurance=True, pension_insurance=True, family_doctor=True, dibao=True, tekun='no', has_legal_supporter=True),
 'wdm': dict(id='m-31', name='王大明', id_number=idn('360729','19800202',111), relation='head', sex='male', ethnicity='汉族', education='senior_high', health='healthy', labor='ordinary', schooling='not_student', medical_insurance=True, serious_illness_insurance=True, pension_insurance=True, family_doctor=True, dibao=False, tekun='no'),
 'zhm': dict(id='m-32', name='赵红梅', id_number=idn('360729','19820303',122), relation='spouse', sex='female', ethnicity='汉族', education='junior_high', health='healthy', labor='ordinary', schooling='not_student', medical_insurance=True, serious_illness_insurance=True, pension_insurance=True, family_doctor=True, dibao=False, tekun='no'),
}
for k in ('zs','lxy'): P[k]['schooling']='not_student'
years = [2014, 2016, 2018, 2019, 2020, 2021, 2023, 2025]
eff = {2014:'2014-10-01',2016:'2016-09-05',2018:'2018-12-15',2019:'2019-11-01',2020:'2020-12-20',2021:'2021-06-01',2023:'2023-03-01',2025:'2025-09-10'}
def child(y):
    m = copy.deepcopy(P['zxm'])
    if y < 2018: m.update(schooling='primary', education='primary', labor='none')
    elif y < 2021: m.update(schooling={2018:'grade7',2019:'grade8'}.get(y,'grade9'), education='primary', labor='none')
    elif y < 2025: m.update(schooling='senior1' if y==2021 else 'senior3', education='junior_high', labor='none')
    else: m.update(schooling='not_student', education='senior_high', labor='ordinary', work={'place':'out_of_province','months':3})
    m['pension_insurance'] = y >= 2025
    return m
def income(upto, wage):
    out=[]
    for yy in range(2013, upto+1):
        out.append(dict(year=yy, month=None, category='wage', item='务工收入', amount=wage(yy), counted=True))
        out.append(dict(year=yy, month=None, category='business', item='种植水稻', amount=1200.0, counted=True))
    return out
def doc(y):
    d = {"format":"yibentong.village/1",
      "village":{"code":"360729101088","name":"历史村","township":"金龙镇","county":"全南县","province":"江西省","region":"central",
                 "rural_population": 30 if y<2018 else (28 if y<2023 else 26), "groups":["一组","二组"]},
      "cadres":[{"id":"c-1","name":"李帮扶","unit":"县扶贫办" if y<2021 else "县乡村振兴局","unit_level":"county","phone":"13900000001",
                 "position":"科员" if y<2021 else "驻村第一书记"}],
      "households":[]}
    pair = [{"cadre":"c-1","role":"first","start":"2016-03-01","end":None}] if y>=2016 else []
    h1 = {"id":"h-1","code":"3607291010880001","group":"一组","address":"江西省赣州市全南县金龙镇历史村一组","identified_year":2014,
          "standard":"national","attribute":"general","main_cause":"illness","other_causes":["lack_funds"],"food_clothing_secure":True,
          "conditions":{"farmland_mu":3.5,"house_area_m2":86,"house_grade":"D" if y<2018 else "A","drinking_water_safe": y>=2016,
                        "electricity":True,"sanitary_toilet": y>=2018,"road_type":"cement","road_distance_km":0.5},
          "members":[P['zs'],P['lxy'],child(y)],
          "income": income(y-1 if y<2025 else 2024, lambda yy: 2000.0 if yy<2017 else 30000.0),
          "pairings": pair, "visits":[], "measures":[]}
    if y < 2018: h1["status"]="poor"
    elif y == 2019: h1.update(status="relapsed", exit_year=2018)
    elif y < 2021: h1.update(status="exited", exit_year=2018)
    else:
        h1.update(exit_year=2018, status="monitored" if y<2023 else "risk_eliminated",
                  monitoring={"kind":"unstable_exited","identified":"2021-05-20","channel":"cadre_check","risks":["illness"],
                              "eliminated": None if y<2023 else "2022-12-10"})
    if y >= 2018:
        h1["measures"]=[{"class":"housing","content":"危房改造（拆除重建）","funds":20000.0,"funder":"全南县住建局","start":"2017-04-01","end":"2017-12-20","result":"新建砖混住房86平方米","income_gain":None}]
    h2 = {"id":"h-2","code":"3607291010880002","group":"二组","identified_year":2014,"standard":"national","attribute":"dibao",
          "main_cause":"illness","food_clothing_secure":True,
          "conditions":{"house_grade":"B","drinking_water_safe":True,"electricity":True,"sanitary_toilet":True},
          "members":[P['zlh'],P['lgl']],
          "income": income(y-1 if y<2025 else 2024, lambda yy: 1500.0 if yy<2020 else 9000.0),
          "pairings": pair, "visits":[], "measures":[]}
    h2["status"] = "poor" if y < 2020 else "exited"
    if y >= 2020: h2["exit_year"]=2020
    h3 = {"id":"h-3","code":"3607291010880003","group":"二组","status":"ordinary","main_cause":"disaster",
          "conditions":{"house_grade":"A" if y<2023 else "C","drinking_water_safe":True,"electricity":True,"sanitary_toilet":True},
          "members":[P['wdm'],P['zhm']],
          "income": income(y-1 if y<2025 else 2024, lambda yy: 40000.0 if yy<2022 else 8000.0),
          "pairings":[], "visits":[], "measures":[]}
    if y >= 2023:
        h3.update(status="monitored", monitoring={"kind":"marginal","identified":"2022-08-01","channel":"self_report","risks":["disaster","housing"],"eliminated":None})
        h3["pairings"]=[{"cadre":"c-1","role":"second","start":"2022-08-15","end":None}]
    for h in (h1,h2,h3):
        for k in list(h): 
            if h[k] is None: del h[k]
        for m in h.get("measures",[]):
            for k in list(m):
                if m[k] is None: del m[k]
        if "monitoring" in h and h["monitoring"].get("eliminated") is None: h["monitoring"].pop("eliminated",None)
    d["households"]=[h1,h2,h3]
    return d
for y in years:
    json.dump(doc(y), open(f"{y}.json","w"), ensure_ascii=False, indent=1)
print({y:eff[y] for y in years})
