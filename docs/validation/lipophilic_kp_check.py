#!/usr/bin/env python3
"""Database-wide check of the fully hydrated Dancik/Kasting kp (KASTING_MODEL.md §1-2,
the formulas dermaflux codes in solver/input/KastingEstimates.cpp) against huskinDB
(Stepanov et al., Sci Data 2020; data/huskinDB.csv of github.com/RhDm/huskinDB_publication,
commit 3edb807): does the residual log10(kp_model / kp_measured) depend on the number of
hydrogen-bond-donor atoms (O or N carrying H)? See LIPOPHILIC_KP.md for the result.

Usage: python3 lipophilic_kp_check.py huskinDB.csv [--klip-candidates | --sc-models [--chen-data=F]]
--klip-candidates: instead of the donor regressions, compare the Kasting lipid/water
partition 0.43 Kow^0.81 with the one httk codes after Wang, Chen, Lian & Han 2010
(0.9 Kow^0.69, volumetric; every other formula, k_trans included, unchanged), on huskinDB
and on this suite's kp sets (LIPOPHILIC_KP.md section 5).
--sc-models: other published stratum-corneum models in place of the Kasting SC (Potts & Guy
1992 and its 2023 refit, ten Berge's formula 3 as VEGA codes it, Mitragotri 2002, the
Chen/Lian brick-and-mortar SC as LC_DPK codes it; sc_model_candidates.py), same selection and viable epidermis (LIPOPHILIC_KP.md section 6;
needs numpy: run with /usr/bin/python3). --chen-data=F adds the same statistics on F, the
LC_DPK repository's data/LongjianAIChE_skin_perm.txt (log Kow, MW, log10 kp [cm/s] per line;
no names, so nothing is left out; median per (log Kow, MW)).
Selection: used layer "epidermis", not neat, aqueous donors; median per compound; the
database's own LogP column (calculated); acids, bases and salts left out by name (the
model run here has no ionisation). Model: SC 43 um fully hydrated + Robinson's polar
route 1.519e-4 MW^-0.5 cm/h, + 100 um viable epidermis.
"""
import collections
import csv
import math
import re
import statistics
import sys

import math
full=dict(nu=2.75,phicor=0.9684,ddiv=1,phif=0.1928,h=[0.9999,-1.2762,0.0718,0.1195],kt=1,lx=31.319e-4,
 big=[7.611e-4,0.9685,1.827e5],
 c=[[-4.48116,0.823855,-0.200615,0.0874482,-0.00969133],[0.00388257,0.000726031,-0.0163362,0.0115681,-0.00217086],[8.34108e-5,-9.56469e-4,-7.16288e-4,0.00195218,-7.07896e-4],[-9.4815e-4,-8.09313e-4,0.0037365,-0.00169451,9.24718e-5],[-2.09213e-4,-1.42974e-4,8.35781e-4,-4.33507e-4,4.3709e-5]],hsc=43e-4)
def sc(mw,logp,va=None,p=full,klip_override=None):
    kow=10**logp; va=va or mw/0.916
    klip=0.43*kow**0.81 if klip_override is None else klip_override
    kpro=5.4*kow**0.27
    kcor=(kpro*0.9+p['nu'])/(0.9/1.37+p['nu'])
    K=(1-p['phicor'])*klip+p['phicor']*kcor
    dlip=(1.24e-7*(100/mw)**2.43+2.34e-9)/p['ddiv']
    daq=1.92e-4*va**-0.6
    a=0.145*va**0.6; lam=a/35
    ex=p['phif']*(1+lam)**2
    h=p['h']; f=h[0]+h[1]*lam+h[2]*lam**2+h[3]*lam**3
    dcor=daq*(1-ex)*f
    kt=10**(-0.570-0.840*mw**(1/3))/p['kt']
    R=kt*p['lx']**2/(13e-7*dlip)
    sig=dlip*klip/(dcor*(1-ex))
    if R>100: lp=math.log10(p['big'][0]+1/(p['big'][1]*sig+p['big'][2]/R))
    else:
        ls=math.log10(sig); lr=math.log10(R)
        lp=sum(p['c'][i][j]*ls**i*lr**j for i in range(5) for j in range(5))
    P=10**lp*dlip*klip/p['hsc']
    return dict(K=K,klip=klip,dlip=dlip,R=R,sigma=sig,Phat=10**lp,P_cm_h=P*3600)
def ve(mw,logp,h=100e-4):
    x=0.5578*math.exp(logp); fu=1-(x+0.0188)/(x+1.0188)
    BF=0.68+0.32/fu+0.001*10**logp
    K=0.6*BF
    dfree=10**(-4.15-0.6555*math.log10(mw))
    D=(dfree+0.32*1e-7*(1-fu)/fu)/BF
    return dict(fu=fu,BF=BF,K=K,D=D,P_cm_h=K*D/h*3600)

import re
# Minimal SMILES reader: counts H-bond donor atoms (O or N carrying at least one H) and
# donor hydrogens. Organic-subset atoms get implicit H = default valence - bond orders.
TOK=re.compile(r'(\[[^\]]+\]|Br|Cl|[BCNOSPFI]|[bcnosp]|\(|\)|=|#|-|:|/|\\|\.|%\d\d|\d)')
VAL={'B':3,'C':4,'N':3,'O':2,'S':2,'P':3,'F':1,'Cl':1,'Br':1,'I':1}
def donors(smi):
    atoms=[]; bonds=[]  # atoms: (symbol, aromatic, bracketH or None)
    stack=[]; prev=None; pending=1; ring={}
    for t in TOK.findall(smi):
        if t=='(' : stack.append(prev); continue
        if t==')' : prev=stack.pop(); continue
        if t in '=#-:/\\' : pending={'=':2,'#':3,'-':1,':':1.5}.get(t,1); continue
        if t=='.' : prev=None; continue
        if t[0].isdigit() or t[0]=='%':
            k=t
            if k in ring:
                j,o=ring.pop(k); bonds.append((j,prev,max(o,pending) if pending!=1 else o)); 
            else: ring[k]=(prev,pending)
            pending=1; continue
        if t[0]=='[':
            m=re.match(r'\[(\d*)([A-Za-z][a-z]?)(@*)(H\d?)?([+-]\d?)*',t)
            sym=m.group(2); h=m.group(4); hn=0 if not h else (int(h[1:]) if len(h)>1 else 1)
            atoms.append((sym.capitalize() if sym.islower() else sym, sym.islower(), hn))
        else:
            atoms.append((t.capitalize() if t.islower() and len(t)==1 else t, t.islower(), None))
        i=len(atoms)-1
        if prev is not None: bonds.append((prev,i,1.5 if (atoms[prev][1] and atoms[i][1] and pending==1) else pending))
        prev=i; pending=1
    order=[0.0]*len(atoms)
    for a,b,o in bonds: order[a]+=o; order[b]+=o
    n_atoms=0; n_h=0
    for i,(s,arom,h) in enumerate(atoms):
        if s not in ('O','N'): continue
        if h is None:
            if arom: h=0  # aromatic n/o without [nH]
            else: h=max(0,int(round(VAL[s]-order[i])))
        if h>0: n_atoms+=1; n_h+=h
    return n_atoms,n_h

AQUEOUS = {'unknown', 'PBS', 'Water', 'NaCl solution', 'NaCl, sodium azide',
           'Potassium phosphate buffer', 'Sorensen buffer', 'Citrate-phosphate buffer',
           'Succinate solution', 'Borate buffer'}
IONISABLE = ('acid', 'HCl', 'hydrocloride', 'Naproxen', 'Ibuprofen', 'Ketoprofen',
             'Flurbiprofen', 'Indomethacin', 'Nortriptyline', 'Propranolol', 'Haloperidol',
             'Lidocaine', 'Codeine', 'Hydromorphone', 'Meperidine', 'Fentanyl', 'Sufentanil',
             'Levosimendan', 'Ephedrine', 'Nicotine', 'Scopolamine', 'Morphine', 'Salicyl')
STEROID = ('ster', 'estr', 'cort', 'preg', 'aldo', 'dexa', 'progest', 'testo')


def ols(x_rows, y):
    """Least squares by the normal equations; returns (coefficients, residual sd)."""
    n = len(x_rows[0])
    a = [[sum(r[i] * r[j] for r in x_rows) for j in range(n)] for i in range(n)]
    b = [sum(r[i] * v for r, v in zip(x_rows, y)) for i in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            f = a[j][i] / a[i][i]
            a[j] = [aj - f * ai for aj, ai in zip(a[j], a[i])]
            b[j] -= f * b[i]
    c = [0.0] * n
    for i in reversed(range(n)):
        c[i] = (b[i] - sum(a[i][k] * c[k] for k in range(i + 1, n))) / a[i][i]
    res = [v - sum(ci * ri for ci, ri in zip(c, r)) for r, v in zip(x_rows, y)]
    return [round(v, 3) for v in c], round((sum(e * e for e in res) / (len(y) - n)) ** 0.5, 3)


KLIP = {'kasting 0.43 Kow^0.81': lambda kow: 0.43 * kow ** 0.81,
        'httk/Chen 2010 0.9 Kow^0.69': lambda kow: 0.9 * kow ** 0.69}
# The suite's kp sets: MW, log P, fold error of today's solver run (> 1 high, < 1 low).
SUITE = {'caffeine': (194.19, -0.07, 1 / 3.99), 'corticosterone': (346.46, 1.94, 2.84),
         'estradiol': (272.38, 4.01, 9.04), 'mannitol': (182.17, -3.1, 1 / 3.25),
         'methylparaben': (152.15, 1.96, 1 / 1.85), 'testosterone': (288.43, 3.32, 3.15)}


def model_kp(mw, log_p, klip):
    s, v = sc(mw, log_p, klip_override=klip(10 ** log_p)), ve(mw, log_p)
    return 1 / (1 / (s['P_cm_h'] + 1.519e-4 / math.sqrt(mw)) + 1 / v['P_cm_h'])


def residual_stats(y):
    """n, mean, rms and count within 3x of log10 residuals y."""
    return (f'n = {len(y):3d} mean {statistics.mean(y):+.2f}'
            f' rms {math.sqrt(sum(e * e for e in y) / len(y)):.2f}'
            f' within 3x {sum(abs(e) <= math.log10(3) for e in y)}')


def print_subsets(label, res):
    """res: (log P, steroid, residual) per compound; one line per subset."""
    for sub, sel in (('all', res), ('steroids', [r for r in res if r[1]]),
                     ('non-steroids', [r for r in res if not r[1]]),
                     ('log P < 1', [r for r in res if r[0] < 1])):
        print(f'{label} {sub:13s} ' + residual_stats([r[2] for r in sel]))


def klip_candidates(rows):
    """rows: (name, log P, MW, steroid, median measured log10 kp [cm/h])."""
    fold = lambda r: f"{r:.2f} high" if r >= 1 else f"{1 / r:.2f} low"
    for label, klip in KLIP.items():
        print_subsets(f'{label:28s}', [(r[1], r[3], math.log10(model_kp(r[2], r[1], klip)) - r[4])
                                       for r in rows])
    old, new = KLIP.values()
    for name, (mw, log_p, now) in SUITE.items():
        ratio = model_kp(mw, log_p, new) / model_kp(mw, log_p, old)
        print(f'{name:15s} kp x {ratio:.3f}: {fold(now)} -> {fold(now * ratio)}')


def kasting_kp(mw, log_p, polar_cm_h=lambda mw: 1.519e-4 / math.sqrt(mw)):
    s = sc(mw, log_p)['P_cm_h'] + polar_cm_h(mw)
    return 1 / (1 / s + 1 / ve(mw, log_p)['P_cm_h'])


def sc_model_table(rows, chen_path=None):
    """rows as klip_candidates. Residual statistics per model, then the suite's kp sets."""
    import sc_model_candidates as scm
    with_ve = lambda p_sc: lambda mw, lp: 1 / (1 / p_sc(mw, lp) + 1 / ve(mw, lp)['P_cm_h'])
    models = {'kasting (today)': kasting_kp,
              'potts_guy_1992 (whole skin)': scm.potts_guy_1992_kp,
              'potts_guy_2023_refit (whole skin)': scm.potts_guy_2023_refit_kp,
              'ten_berge_3 (whole skin)': scm.ten_berge_3_kp,
              'hybrid: kasting + ten Berge K_pol':
                  lambda mw, lp: kasting_kp(mw, lp, lambda m: scm.ten_berge_3_routes(m, 0)[1]),
              'mitragotri 2002 + VE': with_ve(scm.mitragotri_2002_p_sc),
              'chen/lian LC_DPK B&M + VE': with_ve(lambda mw, lp: scm.lc_dpk_p_sc(mw, lp, refine=2))}
    fold = lambda r: f"{r:.2f} high" if r >= 1 else f"{1 / r:.2f} low"
    for label, kp in models.items():
        print_subsets(f'{label:34s}', [(r[1], r[3], math.log10(kp(r[2], r[1])) - r[4]) for r in rows])
    if chen_path:
        by = collections.defaultdict(list)
        for line in open(chen_path):
            if line.strip():
                log_p, mw, log_kp_cm_s = map(float, line.split())
                by[(log_p, mw)].append(log_kp_cm_s + math.log10(3600))
        for label, kp in models.items():
            res = [(lp, math.log10(kp(mw, lp)) - statistics.median(v)) for (lp, mw), v in by.items()]
            for sub, sel in (('all', res), ('log P < 1', [r for r in res if r[0] < 1])):
                print(f'LC_DPK data {label:34s} {sub:10s} ' + residual_stats([r[1] for r in sel]))
    for name, (mw, log_p, now) in SUITE.items():
        print(f'{name:15s} today {fold(now):10s}', '; '.join(
            f'{label.split(" ")[0]} {fold(now * kp(mw, log_p) / kasting_kp(mw, log_p))}'
            for label, kp in list(models.items())[1:]))


def main(path, candidates=False, sc_models=False, chen_path=None):
    kp_by, info = collections.defaultdict(list), {}
    for r in csv.DictReader(open(path)):
        if r['used layer'] != 'epidermis' or r['neat'] != '0' or r['donor type'] not in AQUEOUS:
            continue
        kp_by[r['Compound name']].append(float(r['logkp (cm/s)']) + math.log10(3600))
        info[r['Compound name']] = (r['Smiles'], float(r['LogP']), float(r['molecular weight']))
    if candidates or sc_models:
        rows = [(n, info[n][1], info[n][2], any(k in n.lower() for k in STEROID),
                 statistics.median(v)) for n, v in kp_by.items()
                if not any(k.lower() in n.lower() for k in IONISABLE)]
        sc_model_table(rows, chen_path) if sc_models else klip_candidates(rows)
        return
    rows = []
    for name, values in kp_by.items():
        if any(k.lower() in name.lower() for k in IONISABLE):
            continue
        smiles, log_p, mw = info[name]
        s, v = sc(mw, log_p), ve(mw, log_p)
        p_sc = s['P_cm_h'] + 1.519e-4 / math.sqrt(mw)
        kp = 1 / (1 / p_sc + 1 / v['P_cm_h'])
        steroid = any(k in name.lower() for k in STEROID)
        rows.append((name, log_p, mw, donors(smiles)[0], steroid,
                     math.log10(kp) - statistics.median(values)))
    for low in (1.0, 2.0):
        sel = [r for r in rows if low <= r[1] <= 5.0]
        y = [r[5] for r in sel]
        print(f'log P {low:g}..5: n = {len(sel)}, mean residual {statistics.mean(y):+.2f}')
        print('  res ~ 1 + HBD               ', ols([[1, r[3]] for r in sel], y))
        print('  res ~ 1 + HBD + logP + MW/100', ols([[1, r[3], r[1], r[2] / 100] for r in sel], y))
        print('  res ~ 1 + steroid + HBD     ', ols([[1, float(r[4]), r[3]] for r in sel], y))
        for label, group in (('non-steroids', [r for r in sel if not r[4]]),
                             ('steroids', [r for r in sel if r[4]])):
            g = [r[5] for r in group]
            print(f'  {label}: n = {len(group)}, mean {statistics.mean(g):+.2f},',
                  'res ~ 1 + HBD', ols([[1, r[3]] for r in group], g))


if __name__ == '__main__':
    chen = [a.split('=', 1)[1] for a in sys.argv[2:] if a.startswith('--chen-data=')]
    main(sys.argv[1], '--klip-candidates' in sys.argv[2:], '--sc-models' in sys.argv[2:],
         chen[0] if chen else None)
