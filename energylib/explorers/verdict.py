"""The verdict explorer: the few parameters that decide whether inference is the sink.

Six numbers decide the book's verdict on claim C12:

* ``g``, exogenous demand growth, and ``r``, the rate at which energy per
  query falls [1/s];
* ``epsilon``, the efficiency elasticity of demand (rebound), which makes
  observed demand grow at ``g + epsilon r`` (:mod:`energylib.rebound`);
* ``1/rho``, the serving power at launch per unit of training energy of the
  first run [1/s] (``rho`` is the training run measured in launch-rate
  serving time, :ref:`temporal-infinity`);
* ``tau``, the retraining interval [s], and ``c``, the factor by which each
  run costs more than the last.

:func:`fleet_inference_share` is the share of all AI energy (training plus
inference) spent on inference after a horizon, for the fleet that retrains
every ``tau`` and for one model that is never replaced;
:func:`verdict_in_words` states the verdict of
:func:`energylib.rebound.argument_verdict` and
:func:`energylib.lifecycle.fleet_limiting_ratio` in a sentence.

:class:`VerdictExplorer` is declared once (:meth:`VerdictExplorer.web_spec`):
its ipywidgets sliders are made from the declaration and its numbers come from
the functions above, while the book's website runs the JavaScript SymPy writes
from the same declaration, with no kernel (:mod:`energylib.explorers.web`).
"""

from __future__ import annotations

import math

import ipywidgets as widgets
import numpy as np
import sympy as sp
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..lifecycle import cumulative_inference_energy, fleet_limiting_ratio, limiting_inference_energy
from ..rebound import ArgumentVerdict, argument_verdict
from ..style import INFERENCE_COLOR, OKABE_ITO, TRAINING_COLOR, use_book_style
from ..training import cumulative_training_energy
from ..units import YEAR, per_year
from ..validation import FloatOrArray, check_number, check_scalar
from .argument import default_inference_power, default_training_energy
from .common import canvas_png, set_sliders_quietly
from .web import (
    Curve,
    Label,
    Marker,
    Output,
    Plot,
    Slider,
    WebExplorer,
    explorer_mimebundle,
    expm1,
)

__all__ = [
    "REAL_WORLD_SHARES",
    "fleet_inference_share",
    "verdict_in_words",
    "share_over_time_figure",
    "VerdictExplorer",
]

REAL_WORLD_SHARES: dict[str, tuple[float, str]] = {
    "Google 2019-21": (3.0 / 5.0, "patterson2022carbon"),
    "Meta (capacity)": (70.0 / 90.0, "wu2022sustainable"),
}
"""Observed inference shares of training plus inference, with their sources.

Google: about three fifths of its machine-learning energy was inference,
2019-2021.  Meta: AI power capacity split about 10 : 20 : 70 between
experimentation, training and inference; 70 / (20 + 70) leaves out
experimentation.  Both are snapshots, not limits.
"""

_HORIZON_YEARS = 30.0

_VERDICTS = (
    "inference is the sink",
    "training is the sink",
    "a finite ratio: inference is the larger sink",
    "a finite ratio: training is the larger sink",
)
"""The four verdicts of :func:`verdict_in_words`; the explorer's ``verdict_code`` indexes them."""

_REBOUND = (
    "no backfire: efficiency gains lower total energy",
    "backfire: efficiency gains raise total energy",
)


def _check_inputs(g: float, r: float, serving_rate: float, interval: float,
                  elasticity: float, cost_growth: float) -> tuple[float, ...]:
    return (
        check_scalar("growth_rate", g),
        check_scalar("efficiency_rate", r),
        check_scalar("serving_rate", serving_rate, low=0.0, low_open=True),
        check_scalar("interval", interval, low=0.0, low_open=True),
        check_scalar("elasticity", elasticity, low=0.0),
        check_scalar("cost_growth_per_generation", cost_growth, low=0.0, low_open=True),
    )


def fleet_inference_share(
    horizon: FloatOrArray,
    growth_rate: float,
    efficiency_rate: float,
    serving_rate: float,
    interval: float = YEAR,
    elasticity: float = 0.0,
    cost_growth_per_generation: float = 1.0,
) -> tuple[FloatOrArray, FloatOrArray]:
    """Inference's share of cumulative AI energy, for a fleet and for one model [-].

    Training runs come at ``0, tau, 2 tau, ...``, run ``n`` costing ``c**n``
    times the first; inference power starts at ``serving_rate`` times the
    first run's energy and grows at ``g + (epsilon - 1) r``.  The single
    model is trained once, at ``t = 0``, and served for ever.

    Parameters
    ----------
    horizon : float or ndarray
        Time since the first run (>= 0) [s].
    growth_rate : float
        Exogenous demand growth ``g`` [1/s].
    efficiency_rate : float
        Rate ``r`` at which energy per query falls [1/s].
    serving_rate : float
        Serving power at launch per unit of first-run training energy,
        ``1/rho`` (> 0) [1/s].
    interval : float
        Retraining interval ``tau`` (> 0) [s].
    elasticity : float
        Efficiency elasticity of demand ``epsilon`` (>= 0) [-].
    cost_growth_per_generation : float
        Factor ``c`` between consecutive runs (> 0) [-].

    Returns
    -------
    (fleet_share, single_model_share) : tuple of float or ndarray
        ``E_inf / (E_inf + E_train)`` for each ledger [-].

    Examples
    --------
    Yearly runs of constant cost, serving at one run's energy a year: after
    ten years (ten runs, just before the eleventh), inference is half.

    >>> fleet, single = fleet_inference_share(9.999 * YEAR, 0.0, 0.0, 1 / YEAR)
    >>> round(float(fleet), 3), round(float(single), 3)
    (0.5, 0.909)
    """
    t = check_number("horizon", horizon, low=0.0)
    g, r, s, tau, eps, c = _check_inputs(growth_rate, efficiency_rate, serving_rate,
                                         interval, elasticity, cost_growth_per_generation)
    e1 = 1.0  # energies relative to the first run
    e_inf = np.asarray(cumulative_inference_energy(t, 1.0, s * e1, g + eps * r, r))
    e_fleet = np.asarray(cumulative_training_energy(t, tau, e1, c))
    fleet = e_inf / (e_inf + e_fleet)
    single = e_inf / (e_inf + e1)
    if np.ndim(fleet) == 0:
        return float(fleet), float(single)
    return fleet, single


def _verdict_numbers(g: float, r: float, s: float, tau: float, eps: float,
                     c: float) -> tuple[ArgumentVerdict, float, float, int]:
    """The numbers behind :func:`verdict_in_words` (checked inputs, SI units).

    Returns :func:`energylib.rebound.argument_verdict`, the fleet's limiting
    inference-to-training ratio (``inf`` when inference grows faster, ``0``
    when training does, else :func:`energylib.lifecycle.fleet_limiting_ratio`),
    one model's lifetime inference energy in training runs (``inf`` if
    unbounded) and the index of the verdict in ``_VERDICTS``.
    """
    v = argument_verdict(g, r, eps, 0.0, tau, c)
    if v.fleet_trend == 1:
        ratio, code = math.inf, 0
    elif v.fleet_trend == -1:
        ratio, code = 0.0, 1
    else:
        ratio = float(fleet_limiting_ratio(tau, 1.0, c, 1.0, s, g + eps * r, r))
        if not math.isfinite(ratio) or ratio <= 0:  # the rounding edge of k = a
            ratio = float(s * tau)
        code = 2 if ratio > 1 else 3
    lifetime = float(limiting_inference_energy(1.0, s, g + eps * r, r))
    return v, ratio, lifetime, code


def verdict_in_words(
    growth_rate: float,
    efficiency_rate: float,
    serving_rate: float,
    interval: float = YEAR,
    elasticity: float = 0.0,
    cost_growth_per_generation: float = 1.0,
) -> dict[str, str]:
    """The verdict on "inference is the real energy sink" (C12), in sentences.

    Parameters
    ----------
    growth_rate, efficiency_rate, serving_rate, interval, elasticity, cost_growth_per_generation
        As in :func:`fleet_inference_share`.

    Returns
    -------
    dict[str, str]
        ``verdict`` (one of "inference is the sink", "training is the sink",
        "a finite ratio: inference is the larger sink", "a finite ratio:
        training is the larger sink"), ``fleet`` (the fleet ledger's
        sentence), ``single`` (one model served for ever) and ``rebound``.

    Examples
    --------
    >>> verdict_in_words(per_year(0.4), per_year(0.3), 2 / YEAR)["verdict"]
    'inference is the sink'
    >>> verdict_in_words(per_year(0.2), per_year(0.3), 2 / YEAR)["verdict"]
    'training is the sink'
    >>> verdict_in_words(per_year(0.3), per_year(0.3), 2 / YEAR)["verdict"]
    'a finite ratio: inference is the larger sink'
    """
    g, r, s, tau, eps, c = _check_inputs(growth_rate, efficiency_rate, serving_rate,
                                         interval, elasticity, cost_growth_per_generation)
    v, ratio, lifetime, code = _verdict_numbers(g, r, s, tau, eps, c)
    k_yr = v.effective_exponent * YEAR
    a_yr = math.log(c) / tau * YEAR
    if v.fleet_trend == 1:
        fleet = (f"inference power grows at {k_yr:+.2f}/yr, training spending at "
                 f"{a_yr:+.2f}/yr: inference's share tends to 100 %")
    elif v.fleet_trend == -1:
        fleet = (f"training spending grows at {a_yr:+.2f}/yr, inference power at "
                 f"{k_yr:+.2f}/yr: inference's share tends to 0 %")
    else:
        share = ratio / (1.0 + ratio)
        fleet = (f"both grow at the same rate ({k_yr:+.2f}/yr): inference ÷ training tends "
                 f"to {ratio:,.3g}, a share of {100 * share:.0f} %")
    if math.isinf(lifetime):
        single = "one model served for ever: its inference energy is unbounded"
    else:
        single = (f"one model served for ever: its inference energy converges to "
                  f"{lifetime:,.3g} times its training run")
    return {"verdict": _VERDICTS[code], "fleet": fleet, "single": single,
            "rebound": _REBOUND[int(v.backfire)]}


def _draw_references(ax) -> None:
    ax.axhline(0.5, color="grey", linestyle="--", linewidth=1.0)
    for (name, (share, _)), dy in zip(REAL_WORLD_SHARES.items(), (-0.06, 0.03), strict=True):
        ax.plot([_HORIZON_YEARS * 0.97], [share], marker="<", color="black", markersize=6)
        ax.text(_HORIZON_YEARS * 0.95, share + dy, name, ha="right", fontsize=8, color="black")
    ax.set_xlim(0.0, _HORIZON_YEARS)
    ax.set_ylim(0.0, 1.0)
    ax.set_xlabel("years since the first training run [yr]")
    ax.set_ylabel("inference share of AI energy [-]")


def share_over_time_figure(scenarios: dict[str, dict[str, float]]) -> Figure:
    """Inference share of cumulative AI energy over 30 years, one curve per scenario.

    Parameters
    ----------
    scenarios : dict[str, dict[str, float]]
        Label -> keyword arguments of :func:`fleet_inference_share` in the
        explorer's units: ``g``, ``r`` [1/yr], ``inv_rho`` [1/yr],
        ``tau`` [yr], ``epsilon`` [-], ``c`` [-] (missing keys take the
        explorer's defaults).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = share_over_time_figure({"flat": {"g": 0.0, "r": 0.0}})
    >>> fig.axes[0].get_ylabel()
    'inference share of AI energy [-]'
    """
    use_book_style()
    fig = Figure(figsize=(7.5, 4.0), layout="constrained")
    ax = fig.add_subplot()
    t = np.linspace(0.0, _HORIZON_YEARS, 601)[1:] * YEAR
    colors = [INFERENCE_COLOR, OKABE_ITO["bluish green"], OKABE_ITO["reddish purple"],
              OKABE_ITO["orange"], TRAINING_COLOR]
    for (label, p), color in zip(scenarios.items(), colors, strict=False):
        q = {**_DEFAULTS, **p}
        fleet, _ = fleet_inference_share(
            t, float(per_year(q["g"])), float(per_year(q["r"])), q["inv_rho"] / YEAR,
            q["tau"] * YEAR, q["epsilon"], q["c"])
        ax.plot(t / YEAR, fleet, color=color, label=label)
    _draw_references(ax)
    ax.legend(loc="lower right", fontsize=9, bbox_to_anchor=(1.0, 0.12))
    return fig


_DEFAULTS: dict[str, float] = {
    "g": 0.4, "r": 0.3, "epsilon": 0.0, "tau": 1.0, "c": 1.0,
    "inv_rho": default_inference_power() * YEAR / default_training_energy(),
}

_KEY_HTML = (
    '<span style="font-size:0.9em">'
    f'<span style="color:{INFERENCE_COLOR}">━━</span> fleet retrained every τ &nbsp; '
    f'<span style="color:{INFERENCE_COLOR}">┅┅</span> one model, never replaced &nbsp; '
    '<span style="color:grey">╌╌</span> half &nbsp; ◀ observed shares</span>'
)


class VerdictExplorer:
    """The verdict on C12 from six parameters, with the inference share over time.

    Sliders: demand growth ``g`` and efficiency gain ``r`` [1/yr], serving
    power per unit of first-run training energy ``inv_rho`` (``1/rho``)
    [1/yr], retraining interval ``tau`` [yr], rebound elasticity
    ``epsilon`` [-] and cost growth per run ``c`` [-].  They are made from
    :meth:`web_spec`, the declaration the book's website runs without a
    kernel; here every number comes from :func:`fleet_inference_share` and
    :func:`verdict_in_words`.

    Attributes
    ----------
    spec : energylib.explorers.web.WebExplorer
        The declaration (:meth:`web_spec`).
    sliders : dict[str, ipywidgets.widget]
        ``g``, ``r`` [1/yr], ``inv_rho`` [1/yr], ``tau`` [yr], ``epsilon``
        [-], ``c`` [-].
    image, headline, widget
        As in the book's other explorers.
    outputs : dict[str, float]
        ``fleet_share`` and ``single_share`` at 30 years [-],
        ``effective_exponent`` (inference power's growth rate ``k``) and
        ``training_exponent`` (training spending's, ``ln(c) / tau``) [1/yr],
        ``fleet_trend`` (+1, 0, -1), ``verdict_code`` (index of the verdict:
        0 inference is the sink, 1 training is, 2 and 3 a finite ratio with
        inference or training the larger), ``limiting_ratio`` (the fleet's
        inference ÷ training as the horizon grows: ``inf``, ``0`` or the
        finite ratio) and ``limiting_share`` (its share) [-],
        ``single_lifetime`` (one model's lifetime inference energy in training
        runs, ``inf`` if unbounded) [-], ``backfire`` (1 if ``epsilon > 1``).
    verdict : dict[str, str]
        The last :func:`verdict_in_words`.
    redraw_count : int

    Examples
    --------
    >>> ex = VerdictExplorer()
    >>> ex.update(g=0.2, r=0.5)["fleet_trend"]
    -1.0
    """

    def __init__(self) -> None:
        self.spec = self.web_spec()
        style = {"description_width": "15em"}
        layout = widgets.Layout(width="34em")
        self.sliders: dict[str, widgets.ValueWidget] = {
            p.name: p.widget(style, layout) for p in self.spec.params
        }
        self.image = widgets.Image(format="png", layout=widgets.Layout(width="100%"))
        self.headline = widgets.HTML()
        self.key = widgets.HTML(_KEY_HTML)
        self.widget = widgets.VBox(
            [widgets.VBox(list(self.sliders.values())), self.headline, self.key, self.image]
        )
        self.outputs: dict[str, float] = {}
        self.verdict: dict[str, str] = {}
        self.redraw_count = 0
        self._t = np.linspace(0.0, _HORIZON_YEARS, 361)[1:]
        self._build_figure()
        for s in self.sliders.values():
            s.observe(self._on_change, names="value")
        self.update()

    def web_spec(self) -> WebExplorer:
        """This explorer's declaration: sliders, and its model in SymPy.

        The sliders of :attr:`sliders` are made from it; the website runs the
        JavaScript SymPy writes from it (see :mod:`energylib.explorers.web`).
        The formulas mirror energylib's, step by step:
        :func:`energylib.lifecycle.cumulative_inference_energy` (``s T
        exprel(k T)``), :func:`energylib.training.cumulative_training_energy`
        (``(c**N - 1) / (c - 1)`` runs, ``N = floor(T / tau) + 1``),
        :func:`energylib.rebound.argument_verdict` (the fleet trend, with its
        rounding tolerances), :func:`energylib.lifecycle.fleet_limiting_ratio`
        and :func:`energylib.lifecycle.limiting_inference_energy`.

        The rates ``g``, ``r`` and ``inv_rho`` enter in their sliders' units
        [1/yr] and are divided by the year, as :func:`energylib.units.per_year`
        does (multiplying by ``1/YEAR`` may differ in the last bit), so that
        the knife edges (``g = r``, where one model's lifetime flips between
        finite and unbounded) fall on the same side on the page as in Python.
        """
        d = _DEFAULTS

        def sym(name: str) -> sp.Symbol:
            return sp.Symbol(name, real=True)

        g, r, inv_rho, tau, eps, c, year, horizon, t_yr = (sym(n) for n in (
            "g", "r", "inv_rho", "tau", "epsilon", "c", "year", "horizon", "t_yr"))
        (g_s, r_s, s, eps_r, gp, k_inf, log_c, a, k_raw, scale, k, kt, at, k2, a2,
         trend, gap, lifetime, e_inf_h, e_train_h) = (sym(n) for n in (
            "g_s", "r_s", "s", "eps_r", "g_eff", "k_inf", "log_c", "a", "k_raw", "scale",
            "k", "kt", "at", "k2", "a2", "trend", "gap", "lifetime", "e_inf_h", "e_train_h"))
        # The fleet ratio may be infinite: an extended real, so that Eq(ratio, oo) stays.
        ratio_raw, ratio = (sp.Symbol(n, extended_real=True) for n in ("ratio_raw", "ratio"))

        def exprel(x: sp.Expr) -> sp.Expr:
            # scipy.special.exprel: 1 below machine epsilon, inf above 717.
            return sp.Piecewise((1, sp.Abs(x) < float(np.finfo(float).eps)), (sp.oo, x > 717),
                                (expm1(x) / x, True))

        def training_runs(t: sp.Expr) -> sp.Expr:
            n = sp.floor(t / tau) + 1
            return sp.Piecewise((n, sp.Eq(c, 1)), (expm1(n * log_c) / expm1(log_c), True))

        # The fleet trend of argument_verdict; the same rule in fleet_limiting_ratio.
        def trend_rule(kt_: sp.Expr, at_: sp.Expr, close: sp.Expr, faster: sp.Expr,
                       slower: sp.Expr, equal: sp.Expr, both_flat: sp.Expr) -> sp.Expr:
            return sp.Piecewise(
                (sp.Piecewise((close, sp.Abs(kt_ - at_) <= 1e-9), (faster, kt_ > at_),
                              (slower, True)), (kt_ > 0) | (at_ > 0)),
                (both_flat, sp.Eq(kt_, 0) & sp.Eq(at_, 0)),
                (faster, sp.Eq(kt_, 0)),
                (slower, sp.Eq(at_, 0)),
                (equal, True))

        t_s = t_yr * year
        e_inf_t = s * t_s * exprel(k_inf * t_s)
        e_train_t = training_runs(t_s)
        is_trend = {v: sp.Eq(trend, v) for v in (-1, 1)}
        refs = list(REAL_WORLD_SHARES.items())
        return WebExplorer(
            id="verdict",
            python={"class": f"{__name__}:VerdictExplorer",
                    "kwargs": {}},
            title="The verdict on C12 from six parameters",
            params=(
                Slider("g", "demand growth g [1/yr]", -0.2, 1.5, 0.02, d["g"], readout=".2f"),
                Slider("r", "efficiency gain r [1/yr]", 0.0, 1.5, 0.02, d["r"], readout=".2f"),
                Slider("inv_rho", "serving ÷ training 1/ρ [1/yr]", -2.0, 2.0, 0.05,
                       round(d["inv_rho"], 2), log=True, readout=".3g"),
                Slider("tau", "retraining interval τ [yr]", 0.25, 5.0, 0.25, d["tau"],
                       readout=".2f", to_si=YEAR),
                Slider("epsilon", "rebound elasticity ε", 0.0, 2.0, 0.05, d["epsilon"],
                       readout=".2f"),
                Slider("c", "cost growth per run c", 0.5, 5.0, 0.05, d["c"], readout=".2f"),
            ),
            constants={"year": YEAR, "horizon": _HORIZON_YEARS * YEAR},
            definitions=(
                ("g_s", g / year),            # per_year(g) [1/s]
                ("r_s", r / year),
                ("s", inv_rho / year),        # serving power per first-run energy [1/s]
                ("eps_r", eps * r_s),
                ("g_eff", g_s + eps_r),       # demand growth with rebound, g + eps r
                ("k_inf", gp - r_s),          # inference power's exponent [1/s]
                ("log_c", sp.log(c)),
                ("a", log_c / tau),           # training spending's exponent [1/s]
                # argument_verdict: k = g + (eps - 1) r, zero to 1e-12 of its terms,
                ("k_raw", g_s + (eps - 1) * r_s),
                ("scale", sp.Abs(g_s) + sp.Abs(eps_r) + sp.Abs(r_s)),
                ("k", sp.Piecewise((0, sp.Abs(k_raw) <= 1e-12 * scale), (k_raw, True))),
                # rates compared per retraining interval, to 1e-9.
                ("kt", sp.Piecewise((0, sp.Abs(k * tau) < 1e-9), (k * tau, True))),
                ("at", sp.Piecewise((0, sp.Abs(a * tau) < 1e-9), (a * tau, True))),
                ("trend", trend_rule(kt, at, 0, 1, -1, 0, 0)),
                # fleet_limiting_ratio (q0 e0 = s, E1 = 1), with its own roundings,
                ("k2", sp.Piecewise((0, sp.Abs(k_inf * tau) < 1e-9), (k_inf, True))),
                ("a2", sp.Piecewise((0, sp.Abs(a * tau) < 1e-9), (a, True))),
                ("ratio_raw", trend_rule(k2 * tau, a2 * tau, s * expm1(a2 * tau) / a2, sp.oo, 0,
                                         s * expm1(a2 * tau) / k2, s * tau)),
                # and verdict_in_words' guard for the rounding edge of k = a.
                ("ratio", sp.Piecewise(
                    (sp.oo, is_trend[1]), (0, is_trend[-1]),
                    (s * tau, sp.Eq(ratio_raw, sp.oo) | (ratio_raw <= 0)), (ratio_raw, True))),
                # limiting_inference_energy(1, s, g + eps r, r)
                ("gap", r_s - gp),
                ("lifetime", sp.Piecewise((s / gap, gap > 0), (sp.oo, True))),
                # fleet_inference_share at the horizon
                ("e_inf_h", s * horizon * exprel(k_inf * horizon)),
                ("e_train_h", training_runs(horizon)),
            ),
            outputs=(
                Output("verdict_code", "verdict",
                       sp.Piecewise((0, is_trend[1]), (1, is_trend[-1]), (2, ratio > 1),
                                    (3, True)),
                       fmt="text", texts=_VERDICTS),
                Output("effective_exponent", "inference power grows at", k * year,
                       unit="/yr"),
                Output("training_exponent", "training spending grows at", a * year,
                       unit="/yr"),
                Output("limiting_ratio", "fleet: inference ÷ training tends to", ratio,
                       fmt="times"),
                Output("limiting_share", "inference's share tends to",
                       sp.Piecewise((1, is_trend[1]), (0, is_trend[-1]),
                                    (ratio / (1 + ratio), True)), fmt="percent"),
                Output("single_lifetime",
                       "one model served for ever: its inference ÷ its training run tends to",
                       lifetime, fmt="times"),
                Output("backfire", "rebound", sp.Piecewise((1, eps > 1), (0, True)),
                       fmt="text", texts=_REBOUND),
                Output("fleet_share",
                       f"inference share after {_HORIZON_YEARS:.0f} years: fleet",
                       e_inf_h / (e_inf_h + e_train_h), fmt="percent"),
                Output("single_share", "single model", e_inf_h / (e_inf_h + 1), fmt="percent"),
            ),
            plots=(Plot(
                x=t_yr, x_label="years since the first training run [yr]",
                x_range=(0.0, _HORIZON_YEARS),
                y_label="inference share of AI energy [-]", y_range=(0.0, 1.0),
                curves=(
                    Curve("fleet retrained every τ", e_inf_t / (e_inf_t + e_train_t),
                          INFERENCE_COLOR),
                    Curve("one model, never replaced", e_inf_t / (e_inf_t + 1),
                          INFERENCE_COLOR, dash=True),
                    Curve("half", 0.5, "grey", dash=True, width=1.0),
                ),
                markers=tuple(Marker(name, _HORIZON_YEARS * 0.97, share)
                              for name, (share, _) in refs),
                # matplotlib right-aligns these at 28.5 yr; the page writes from x on,
                # so they start about one label's width (~6 yr on a narrow page) earlier.
                labels=tuple(Label(name, 22.0, share + dy, "black")
                             for (name, (share, _)), dy in zip(refs, (-0.06, 0.03),
                                                                strict=True)),
                points=361,
            ),),
            note=("Dots: observed inference shares (Google 2019-21, Patterson et al.; "
                  "Meta's AI capacity, Wu et al.), snapshots rather than limits."),
        )

    def _repr_mimebundle_(self, **kwargs: object) -> dict:
        return explorer_mimebundle(self.widget, self.spec)

    def _build_figure(self) -> None:
        use_book_style()
        self.figure = Figure(figsize=(7.0, 3.4), dpi=100)
        self._canvas = FigureCanvasAgg(self.figure)
        self.figure.subplots_adjust(left=0.10, right=0.98, bottom=0.15, top=0.96)
        ax = self.figure.add_subplot()
        _draw_references(ax)
        (self._fleet,) = ax.plot([], [], color=INFERENCE_COLOR)
        (self._single,) = ax.plot([], [], color=INFERENCE_COLOR, linestyle=":")
        self._ax = ax
        for artist in (self._fleet, self._single):
            artist.set_animated(True)
        self._canvas.draw()
        self._background = self._canvas.copy_from_bbox(self.figure.bbox)

    def _on_change(self, change: dict) -> None:
        self.update()

    def update(self, **values: float) -> dict[str, float]:
        """Set any sliders given by name, recompute and redraw.

        Parameters
        ----------
        **values : float
            New slider values by name (in the sliders' own units).

        Returns
        -------
        dict[str, float]
            See :attr:`outputs`.
        """
        unknown = set(values) - set(self.sliders)
        if unknown:
            raise ValueError(f"unknown slider(s) {sorted(unknown)}; known: {sorted(self.sliders)}")
        set_sliders_quietly(self.sliders, values, self._on_change)
        v = {name: float(s.value) for name, s in self.sliders.items()}
        args = (float(per_year(v["g"])), float(per_year(v["r"])), v["inv_rho"] / YEAR,
                v["tau"] * YEAR, v["epsilon"], v["c"])
        fleet, single = fleet_inference_share(self._t * YEAR, *args)
        self.verdict = verdict_in_words(*args)
        exponent, ratio, lifetime, code = _verdict_numbers(*args)
        self.outputs = {
            "fleet_share": float(np.asarray(fleet)[-1]),
            "single_share": float(np.asarray(single)[-1]),
            "effective_exponent": exponent.effective_exponent * YEAR,
            "training_exponent": math.log(args[5]) / args[3] * YEAR,
            "fleet_trend": float(exponent.fleet_trend),
            "verdict_code": float(code),
            "limiting_ratio": ratio,
            "limiting_share": 1.0 if math.isinf(ratio) else ratio / (1.0 + ratio),
            "single_lifetime": lifetime,
            "backfire": float(exponent.backfire),
        }
        self._fleet.set_data(self._t, fleet)
        self._single.set_data(self._t, single)
        canvas = self._canvas
        canvas.restore_region(self._background)
        self._ax.draw_artist(self._single)
        self._ax.draw_artist(self._fleet)
        self.image.value = canvas_png(canvas)
        self.redraw_count += 1
        w = self.verdict
        self.headline.value = (
            f"<b>Verdict: {w['verdict']}.</b><br>Fleet: {w['fleet']}.<br>"
            f"{w['single'][0].upper() + w['single'][1:]}; {w['rebound']}.<br>"
            f"Inference share after {_HORIZON_YEARS:.0f} years: fleet "
            f"{100 * self.outputs['fleet_share']:.0f} %, single model "
            f"{100 * self.outputs['single_share']:.0f} %."
        )
        return self.outputs
