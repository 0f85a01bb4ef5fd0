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
]

E, k, B = sp.symbols("E k B", positive=True)
N_a, N_t = sp.symbols("N_a N_t", positive=True)
i, n, w, n_in, n_out = sp.symbols("i n w n_in n_out", integer=True, positive=True)

SERVING_SYMBOLS: dict[str, sp.Symbol] = {
    "E": E, "k": k, "B": B, "N_a": N_a, "N_t": N_t, "i": i, "n": n, "w": w,
    "n_in": n_in, "n_out": n_out,
}
"""The symbols used in every expression, by name."""

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
