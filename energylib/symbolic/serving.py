"""SymPy derivations for the serving model: experts read per step, key-value-cache sums.

Mixture of experts.  A layer holds ``E`` experts; each token is routed to
``k`` of them.  Under uniform, independent routing a given expert is missed
by one token with probability ``1 - k/E``, by all ``B`` tokens of a decode
step with probability ``(1 - k/E)**B``, so the expected share of experts a
step must read is

``f(B) = 1 - (1 - k/E)**B``.

With ``X`` expert parameters and ``D`` always-read parameters (attention,
embeddings, dense layers, shared experts), the active parameters are
``N_a = D + X k/E`` and the total ``N_t = D + X``; the weights read per step
are ``W(B) = D + X f(B)``.  Then ``W(1) = N_a`` and ``W(B) -> N_t`` as
``B -> infinity``: the bytes read lie between the active and the total
parameters.

Key-value cache.  A token at position ``i`` (counting from 1) attends to
``min(i, w)`` positions (``w`` the window of a sliding-window layer;
``w = infinity`` for full attention).  The positions attended over a run of
``n`` tokens sum to ``S(n) = n (n + 1) / 2`` without a window and to
``w (w + 1) / 2 + (n - w) w`` for ``n >= w``.  Prefill attends ``S(n_in)``
pairs; decoding ``n_out`` tokens after it reads ``S(n_in + n_out) - S(n_in)``
cache entries per layer.

Energy of one query of a dense model.  :func:`dense_query_energy_parts_expr`
writes :func:`energylib.serving.gpu_energy_parts` for a dense model (one
cache of ``c`` values per token over all layers, attention width ``d`` x
layers) as SymPy: prefill ``P (2 N_a n_in + 4 d S(n_in)) / (F u_p)``, then
``n_out - 1`` decode steps at ``phi p(B) P`` for ``max(t_w, t_c / u_c) + t_kv``
(:func:`power_fraction_expr` is ``p(B)``).  The industry dashboard
(:mod:`energylib.explorers.industry`) compiles these expressions to
JavaScript, so the page and :func:`energylib.estimator.estimate_query_energy`
share one model.

:mod:`energylib.serving` is tested against these expressions
(``tests/test_serving.py``).

Examples
--------
>>> expert_read_fraction_expr()
1 - (1 - k/E)**B
>>> expert_read_fraction_limit("B=1")
k/E
>>> expert_read_fraction_limit("B->oo")
1
>>> weights_read_limit("B=1"), weights_read_limit("B->oo")
(N_a, N_t)
"""

from __future__ import annotations

import sympy as sp

__all__ = [
    "SERVING_SYMBOLS",
    "expert_read_fraction_expr",
    "expert_read_fraction_limit",
    "weights_read_expr",
    "weights_read_limit",
    "attended_positions_expr",
    "attended_positions_closed_form",
    "decode_cache_reads_closed_form",
    "QUERY_SYMBOLS",
    "power_fraction_expr",
    "dense_query_energy_parts_expr",
]

E, k, B = sp.symbols("E k B", positive=True)
N_a, N_t = sp.symbols("N_a N_t", positive=True)
i, n, w, n_in, n_out = sp.symbols("i n w n_in n_out", integer=True, positive=True)

SERVING_SYMBOLS: dict[str, sp.Symbol] = {
    "E": E, "k": k, "B": B, "N_a": N_a, "N_t": N_t, "i": i, "n": n, "w": w,
    "n_in": n_in, "n_out": n_out,
}
"""The symbols used in every expression, by name."""

b, b_kv, c, d = sp.symbols("b b_kv c d", positive=True)
F, W, P, u_p, u_c, phi = sp.symbols("F W P u_p u_c phi", positive=True)
p_1, p_s, B_h = sp.symbols("p_1 p_s B_h", positive=True)

QUERY_SYMBOLS: dict[str, sp.Symbol] = {
    "N_a": N_a, "n_in": n_in, "n_out": n_out, "B": B, "b": b, "b_kv": b_kv, "c": c,
    "d": d, "F": F, "W": W, "P": P, "u_p": u_p, "u_c": u_c, "phi": phi, "p_1": p_1,
    "p_s": p_s, "B_h": B_h,
}
"""The symbols of :func:`dense_query_energy_parts_expr`, by name: active parameters,
prompt and answer [tokens], batch, bytes per weight and per cached value, cached values
per token over all layers, attention width x layers, peak FLOP/s, memory bandwidth
[B/s], board power [W], prefill and decode-compute utilisations, time factor, and the
power curve's ``(at_batch_one, saturated, half_batch)``."""

_LIMITS = ("B=1", "B->oo")


def _check_limit(which: str) -> str:
    if which not in _LIMITS:
        raise ValueError(f"which must be one of {_LIMITS}; got {which!r}")
    return which


def expert_read_fraction_expr() -> sp.Expr:
    """Expected share of a layer's experts read by a decode step of batch ``B``, ``f(B)`` [-].

    Uniform, independent routing of each of the ``B`` tokens to ``k`` of ``E`` experts.

    Examples
    --------
    >>> expert_read_fraction_expr().subs({E: 8, k: 2, B: 2})
    7/16
    """
    return 1 - (1 - k / E) ** B


def expert_read_fraction_limit(which: str) -> sp.Expr:
    """``f`` at ``B = 1`` or as ``B -> infinity`` (for ``0 < k < E``) [-].

    Examples
    --------
    >>> expert_read_fraction_limit("B=1")
    k/E
    """
    f = expert_read_fraction_expr()
    if _check_limit(which) == "B=1":
        return sp.simplify(f.subs(B, 1))
    # For 0 < k < E the base 1 - k/E lies in (0, 1); write it 1 / (1 + r) with r > 0
    # so that SymPy can use the sign, and let B grow.
    r = sp.Symbol("r", positive=True)
    return sp.Integer(1) - sp.limit((1 / (1 + r)) ** B, B, sp.oo)


def weights_read_expr() -> sp.Expr:
    """Parameters read per decode step, ``D + X f(B)``, in terms of ``N_a`` and ``N_t`` [-].

    ``X = (N_t - N_a) / (1 - k/E)`` expert parameters and ``D = N_t - X``.

    Examples
    --------
    >>> sp.simplify(weights_read_expr().subs(B, 1))
    N_a
    """
    x = (N_t - N_a) / (1 - k / E)
    d = N_t - x
    return d + x * expert_read_fraction_expr()


def weights_read_limit(which: str) -> sp.Expr:
    """Parameters read per step at ``B = 1`` (``N_a``) or as ``B -> infinity`` (``N_t``).

    Examples
    --------
    >>> weights_read_limit("B->oo")
    N_t
    """
    x = (N_t - N_a) / (1 - k / E)
    d = N_t - x
    f = expert_read_fraction_limit(_check_limit(which))
    return sp.simplify(d + x * f)


def attended_positions_expr(window: bool = False) -> sp.Expr:
    """``S(n)``, positions attended over ``n`` tokens, as an unevaluated sum [-].

    Examples
    --------
    >>> attended_positions_expr()
    Sum(i, (i, 1, n))
    >>> attended_positions_expr(window=True)
    Sum(Min(i, w), (i, 1, n))
    """
    return sp.Sum(sp.Min(i, w) if window else i, (i, 1, n))


def attended_positions_closed_form(window: bool = False) -> sp.Expr:
    """Closed form of ``S(n)``; with a window, for ``n >= w`` [-].

    Examples
    --------
    >>> sp.factor(attended_positions_closed_form())
    n*(n + 1)/2
    >>> sp.expand(attended_positions_closed_form(window=True))
    n*w - w**2/2 + w/2
    """
    if not window:
        return sp.factor(sp.summation(i, (i, 1, n)))
    # positions 1..w attend i; positions w+1..n attend w.
    return sp.summation(i, (i, 1, w)) + (n - w) * w


def decode_cache_reads_closed_form() -> sp.Expr:
    """Cache entries one layer reads decoding ``n_out`` tokens after ``n_in`` (no window) [-].

    ``S(n_in + n_out) - S(n_in) = n_out n_in + n_out (n_out + 1) / 2``.

    Examples
    --------
    >>> sp.expand(decode_cache_reads_closed_form())
    n_in*n_out + n_out**2/2 + n_out/2
    """
    s = attended_positions_closed_form()
    return sp.expand(s.subs(n, n_in + n_out) - s.subs(n, n_in))


def power_fraction_expr() -> sp.Expr:
    """``p(B) = p_1 + (p_s - p_1) (B - 1) / (B - 1 + B_h)``, decode power over the rating [-].

    (:func:`energylib.serving.decode_power_fraction`.)

    Examples
    --------
    >>> power_fraction_expr().subs(B, 1)
    p_1
    >>> sp.limit(power_fraction_expr(), B, sp.oo)
    p_s
    """
    return p_1 + (p_s - p_1) * (B - 1) / (B - 1 + B_h)


def dense_query_energy_parts_expr() -> dict[str, sp.Expr]:
    """Accelerator energy of one query of a dense model, by phase, in :data:`QUERY_SYMBOLS` [J].

    The terms of :func:`energylib.serving.gpu_energy_parts` for a dense model
    (weights read per step ``N_a``), with ``S(n) = n (n + 1) / 2`` and
    ``s = max(n_out - 1, 0)`` decode steps (prefill yields the first token):

    * ``prefill = P (2 N_a n_in + 4 d S(n_in)) / (F u_p)``;
    * ``decode_weights = phi p(B) P max(s N_a b / (B W), 2 s N_a / (F u_c))``;
    * ``decode_kv = phi p(B) P c b_kv (S(n_in + 1 + s) - S(n_in + 1)) / W``.

    Returns
    -------
    dict
        ``"prefill"``, ``"decode_weights"``, ``"decode_kv"``: SymPy expressions [J].

    Examples
    --------
    Beyond the knee ``B = u_c F b / (2 W)`` the weight read no longer sets the step:

    >>> parts = dense_query_energy_parts_expr()
    >>> knee = u_c * F * b / (2 * W)
    >>> steps = sp.Max(n_out - 1, 0)
    >>> t_w, t_c = steps * N_a * b / (B * W), 2 * steps * N_a / (F * u_c)
    >>> sp.simplify((t_w - t_c).subs(B, knee))
    0
    >>> sorted(parts)
    ['decode_kv', 'decode_weights', 'prefill']
    """
    def positions(m: sp.Expr) -> sp.Expr:
        return m * (m + 1) / 2

    steps = sp.Max(n_out - 1, 0)
    power = phi * power_fraction_expr() * P
    t_weights = steps * N_a * b / (B * W)
    t_compute = 2 * steps * N_a / F
    t_cache = c * b_kv * (positions(n_in + 1 + steps) - positions(n_in + 1)) / W
    return {
        "prefill": P * (2 * N_a * n_in + 4 * d * positions(n_in)) / (F * u_p),
        "decode_weights": power * sp.Max(t_weights, t_compute / u_c),
        "decode_kv": power * t_cache,
    }
