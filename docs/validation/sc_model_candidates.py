"""Other published stratum-corneum permeability models, for lipophilic_kp_check.py --sc-models
(LIPOPHILIC_KP.md section 6). Each function returns the stratum-corneum permeability in cm/h
of a fully hydrated SC under an aqueous donor; lipophilic_kp_check.py puts the same viable
epidermis (100 um, Kasting) in series so that only the SC estimate differs between rows.
Where each constant was read is said beside it; none is written from memory.
"""
import math

import numpy as np


def potts_guy_1992_kp(mw, log_p):
    """Whole-skin kp, cm/h: log10 kp = -2.7 + 0.71 log P - 0.0061 MW (solver/input/Estimates.cpp,
    today's `skin.estimates: potts_guy_1992`)."""
    return 10 ** (-2.7 + 0.71 * log_p - 0.0061 * mw)


def potts_guy_2023_refit_kp(mw, log_p):
    """Whole-skin kp, cm/h: -2.55 + 0.65 log P - 0.0085 MW (today's `potts_guy_2023_refit`)."""
    return 10 ** (-2.55 + 0.65 * log_p - 0.0085 * mw)


# ten Berge's QSAR, "Ten Berge 3 formula" as the VEGA QSAR platform codes it
# (insilico/skin_permeation_tenberge/ismSkinPermeationTenBerge.java, CalculateModel; VEGA's
# ModelDispatcher lists it as SKINPERM_TENBERGE, "Skin permeation (LogKp)"): a secondary
# account in code; ten Berge's own text was not read. All three in cm/h.
TEN_BERGE_3 = dict(b1=-2.694, b2=0.9809, b3=-7.868e-3, b4=0.05523, b5=1.383, b6=1.121e3, b7=1.957)


def ten_berge_3_routes(mw, log_p, b=TEN_BERGE_3):
    """(K_lip, K_pol, K_aq) in cm/h."""
    k_lip = 10 ** (b['b1'] + b['b2'] * log_p + b['b3'] * mw)
    return k_lip, b['b4'] / mw ** b['b5'], b['b6'] / mw ** b['b7']


def ten_berge_3_kp(mw, log_p):
    """Whole-skin kp, cm/h: 1 / (1 / (K_lip + K_pol) + 1 / K_aq)."""
    k_lip, k_pol, k_aq = ten_berge_3_routes(mw, log_p)
    return 1 / (1 / (k_lip + k_pol) + 1 / k_aq)


def solute_radius_angstrom(mw):
    """r = (0.9087 MW 3 / 4 pi)^(1/3) Angstrom: github.com/anthonytchen/LC_DPK Chemical.cpp
    (Chen, Lian et al.'s dermal model code; a secondary account: the papers were not read)."""
    return (0.9087 * mw * 3 / (4 * math.pi)) ** (1 / 3)


def mitragotri_2002_p_sc(mw, log_p):
    """Mitragotri, J Pharm Sci 2002, 91:744, abstract (read at 120.26.44.124:3004/details/1/866935816):
    "P = 5.6 x 10(-6) K-o/w(0.7) exp(-0.46r(2)) (A1) where r is solute molecular radius in
    Angstroms and P is in cm/s". Lipid pathway only, for small hydrophobic solutes; the paper's
    own radius definition was not read, r from solute_radius_angstrom."""
    r = solute_radius_angstrom(mw)
    return 5.6e-6 * (10 ** log_p) ** 0.7 * math.exp(-0.46 * r * r) * 3600


# Chen/Lian brick-and-mortar SC, constants as github.com/anthonytchen/LC_DPK codes them
# (Grid.cpp InitSC, StraCorn.cpp, Skin.cpp, data/CommonPermeability.cfg @d0db31b).
LC_DPK = dict(g=0.075e-6, d=40e-6, s=0.075e-6 * 5.21, t=0.8e-6 * 5.21, layers=16, offset_ratio=8.0,
              water_mass_fraction=0.55, lipid_dry_mass_fraction=0.125,
              rho_lipid=0.9, rho_keratin=1.37, rho_water=1.0, temperature_k=309.0,
              water_viscosity_pa_s=7.1e-4, fibre_radius_m=3.5e-9)


def _corneocyte_water_volume_fraction(p):
    """Grid::compVolFracWater_cc: water volume fraction inside a corneocyte."""
    g, d, s, t = p['g'], p['d'], p['s'], p['t']
    v_mortar, v_brick = g * (d + s) + t * s, d * t
    v_all_geometry = v_mortar + v_brick
    w = p['water_mass_fraction']
    m_lip, m_ker = (1 - w) * p['lipid_dry_mass_fraction'], (1 - w) * (1 - p['lipid_dry_mass_fraction'])
    v_all = m_lip / p['rho_lipid'] + m_ker / p['rho_keratin'] + w / p['rho_water']
    v_keratin = m_ker / p['rho_keratin'] / v_all
    v_water_brick = v_brick / v_all_geometry - v_keratin
    return v_water_brick / v_brick * v_all_geometry


def lc_dpk_phase_properties(mw, log_p, p=LC_DPK):
    """(D m^2/s, K) of lipid and corneocyte, fully hydrated (Grid::InitSC)."""
    kow = 10 ** log_p
    r_s = solute_radius_angstrom(mw) * 1e-10
    r_a = r_s * 1e10
    k_lip = p['rho_lipid'] / p['rho_water'] * kow ** 0.69
    d_lip = 2e-9 * math.exp(-0.46 * r_a * r_a) if mw <= 380 else 3e-13
    theta = _corneocyte_water_volume_fraction(p)  # saturated = actual when fully hydrated
    k_keratin = p['rho_keratin'] / p['rho_water'] * 4.2 * kow ** 0.31
    k_cc = (1 - theta) * k_keratin + theta
    d_water = 1.3806488e-23 * p['temperature_k'] / (6 * math.pi * p['water_viscosity_pa_s'] * r_s)
    alpha, beta, lam, gamma = 9.47, 9.32e-8, 1.09, -1.17  # "empirically fitted parameters"
    rf_a = p['fibre_radius_m'] * 1e10
    phi_f = 1 - theta
    k = beta * rf_a * rf_a * phi_f ** gamma
    big_s = phi_f * ((r_a + rf_a) / rf_a) ** 2
    d_cc = d_water * math.exp(-alpha * big_s ** lam) / (1 + r_a / math.sqrt(k) + r_a * r_a / 3 / k)
    return dict(d_lip=d_lip, k_lip=k_lip, d_cc=d_cc, k_cc=k_cc, theta=theta)


def lc_dpk_p_sc(mw, log_p, refine=1, p=LC_DPK):
    """Steady permeability (cm/h) of the LC_DPK brick-and-mortar SC: finite volumes on the
    code's own unit cell ([dn][s][dm][s] across, dm = 8 dn, the lipid gap alternating between
    the two s columns from layer to layer; lipid g above every corneocyte row and below the
    last), periodic sides, u = c/K continuous (1 at the donor face, 0 at the bottom), conductivity
    D K; solved by block-tridiagonal elimination over the rows. The donor's own diffusion layer
    that LC_DPK adds is left out (as for every other row here). refine=1 is LC_DPK's own mesh."""
    ph = lc_dpk_phase_properties(mw, log_p, p)
    g, d, s, t, w = p['g'], p['d'], p['s'], p['t'], p['offset_ratio']
    dm = w * (d - s) / (1 + w)
    dn = d - s - dm
    n_l, n_c, n_dn = 2 * refine, 4 * refine, 2 * refine
    # lateral cells and which segment (0 dn, 1 s, 2 dm, 3 s) each belongs to
    dy, seg = [], []
    for k, (width, n) in enumerate(((dn, n_dn), (s, 2 * refine), (dm, int(n_dn * w)), (s, 2 * refine))):
        dy += [width / n] * n
        seg += [k] * n
    dy, seg = np.array(dy), np.array(seg)
    rows = [('LP', 0, g / n_l)] * n_l
    for layer in range(p['layers']):
        rows += [('CC', layer, t / n_c)] * n_c + [('LP', layer, g / n_l)] * n_l
    lip, cc = ph['d_lip'] * ph['k_lip'], ph['d_cc'] * ph['k_cc']
    cond = np.array([[lip if (kind == 'LP' or sg == (1 if layer % 2 == 0 else 3)) else cc for sg in seg]
                     for kind, layer, _ in rows])
    dx = np.array([r[2] for r in rows])
    nx, ny = cond.shape
    # face conductances (per unit depth): vertical between rows, lateral (periodic) within a row
    gx = dy / (dx[:-1, None] / (2 * cond[:-1]) + dx[1:, None] / (2 * cond[1:]))
    top, bottom = dy * 2 * cond[0] / dx[0], dy * 2 * cond[-1] / dx[-1]
    dyn = np.roll(dy, -1)
    gy = dx[:, None] / (dy / (2 * cond) + dyn / (2 * np.roll(cond, -1, axis=1)))
    blocks, rhs = [], []
    for i in range(nx):
        a = np.zeros((ny, ny))
        idx = np.arange(ny)
        a[idx, idx] += gy[i] + np.roll(gy[i], 1)
        a[idx, (idx + 1) % ny] -= gy[i]
        a[(idx + 1) % ny, idx] -= gy[i]
        if i > 0: a[idx, idx] += gx[i - 1]
        if i < nx - 1: a[idx, idx] += gx[i]
        b = np.zeros(ny)
        if i == 0: a[idx, idx] += top; b += top
        if i == nx - 1: a[idx, idx] += bottom
        blocks.append(a); rhs.append(b)
    # block Thomas: off-diagonal blocks are -diag(gx[i])
    for i in range(1, nx):
        c = np.diag(gx[i - 1])
        f = c @ np.linalg.inv(blocks[i - 1])
        blocks[i] = blocks[i] - f @ c
        rhs[i] = rhs[i] + f @ rhs[i - 1]
    u = [None] * nx
    u[-1] = np.linalg.solve(blocks[-1], rhs[-1])
    for i in range(nx - 2, -1, -1):
        u[i] = np.linalg.solve(blocks[i], rhs[i] + gx[i] * u[i + 1])
    flux_in = float(np.sum(top * (1 - u[0])))
    flux_out = float(np.sum(bottom * u[-1]))
    assert abs(flux_in - flux_out) <= 1e-6 * flux_in, (flux_in, flux_out)
    return flux_out / np.sum(dy) * 100 * 3600
