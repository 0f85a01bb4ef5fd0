"""Command line: ``python -m energylib estimate ...`` prints the energy of one query.

Examples
--------
>>> main(["estimate", "--model", "Llama 3.1 8B", "--output-tokens", "100"])  # doctest: +ELLIPSIS
Energy per query of Llama 3.1 8B (gpu): ...
0
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .catalogue import MODELS
from .hardware import HARDWARE
from .serving import PRECISION_BYTES, SCOPES

__all__ = ["build_parser", "main"]

_EPILOG = (
    "The central estimate is the serving model of energylib (mixture-of-experts weight reads, "
    "key-value-cache reads, prefill with attention, power against batch size fitted to measured "
    "powers) calibrated on measured GPU energies of one lab (ML.ENERGY leaderboards v1-v3: "
    "GPU-only, steady-state benchmarks on H100, B200, A100, A40 and V100).  The interval's "
    "nominal coverage is 80 %%; the coverage measured out of sample is printed with it and "
    "applies to such benchmarks only: not to production serving's idle gaps, other serving "
    "stacks, uncalibrated accelerators (H200, L40S, MI300X: a note says so) or the scope "
    "factors.  Scope factors: Elsworth et al. 2025 (Google): x1.4 fleet utilisation, x1.571 "
    "host and idle machines, x PUE (Google's implied 1.09 by default): 2.2 and 2.4 in all."
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``python -m energylib``.

    Examples
    --------
    >>> build_parser().parse_args(["estimate", "--active-params", "8e9"]).batch_size
    64.0
    """
    parser = argparse.ArgumentParser(
        prog="python -m energylib",
        description="Energy of AI inference, from the book's models.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    est = commands.add_parser(
        "estimate", help="energy of one query (prompt and answer), with interval and breakdown",
        description="Estimate the energy of one query: central value, interval and breakdown "
                    "(prefill, decode weights, decode key-value cache, host, facility), in "
                    "joules and watt-hours.",
        epilog=_EPILOG)
    what = est.add_mutually_exclusive_group(required=True)
    what.add_argument("--model", choices=sorted(MODELS), metavar="NAME",
                      help="a catalogued model, e.g. 'Llama 3.1 70B' (fills in parameters, "
                           "experts and cache shape); one of: " + ", ".join(sorted(MODELS)))
    what.add_argument("--active-params", type=float, metavar="N",
                      help="parameters active per token [-], e.g. 70e9 (instead of --model)")
    est.add_argument("--total-params", type=float, metavar="N",
                     help="all parameters of a mixture of experts [-] (with --active-params; "
                          "omit for a dense model)")
    est.add_argument("--experts", type=float, metavar="E",
                     help="routed experts per layer [-] (with --experts-per-token)")
    est.add_argument("--experts-per-token", type=float, metavar="K",
                     help="experts each token is routed to [-] (with --experts)")
    est.add_argument("--input-tokens", type=float, default=500.0, metavar="TOKENS",
                     help="prompt length [tokens] (default 500)")
    est.add_argument("--output-tokens", type=float, default=500.0, metavar="TOKENS",
                     help="answer length [tokens] (default 500)")
    est.add_argument("--accelerator", default="H100 SXM", choices=sorted(HARDWARE),
                     metavar="NAME",
                     help="accelerator (default 'H100 SXM'); one of: " + ", ".join(HARDWARE))
    est.add_argument("--batch-size", type=float, default=64.0, metavar="B",
                     help="sequences decoded together [-] (default 64)")
    est.add_argument("--precision", default="bf16", metavar="FORMAT",
                     help="weight format or bytes per weight [B] (default bf16); formats: "
                          + ", ".join(PRECISION_BYTES))
    est.add_argument("--kv-precision", default="bf16", metavar="FORMAT",
                     help="key-value-cache format or bytes per value [B] (default bf16)")
    est.add_argument("--scope", default="gpu", choices=SCOPES,
                     help="what is counted: gpu = accelerators only; server = plus host CPU, "
                          "memory and idle reserve; full-stack = plus data-centre overhead "
                          "(default gpu)")
    est.add_argument("--production-batch", action="store_true",
                     help="the batch already reflects production load (idle and under-used "
                          "accelerators included): leave out the fleet-utilisation factor 1.4")
    est.add_argument("--pue", type=float, default=None, metavar="PUE",
                     help="facility power usage effectiveness for full-stack [-] (default "
                          "Google's implied 1.09; typical sites 1.3-1.6)")
    est.add_argument("--tensor-parallel", type=float, default=1.0, metavar="T",
                     help="tensor-parallel ranks per replica [-] (default 1): key-value "
                          "heads fewer than ranks, and MLA latents, are read on every rank")
    commands.add_parser(
        "calibrate",
        help="refit the estimator on energylib/data/measurements.csv and store the result",
        description="Fit and cross-validate the per-query model on the measurements "
                    "(seconds) and write energylib/data/serving_calibration.json, which "
                    "the estimator reads.  Run it after changing measurements.csv or "
                    "models.csv.")
    return parser


def _precision(text: str) -> float | str:
    try:
        return float(text)
    except ValueError:
        return text


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0, or 2 for bad input).

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments (default: ``sys.argv[1:]``).
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "calibrate":
        from .serving_fit import write_stored_calibration

        print(f"wrote {write_stored_calibration()}")
        return 0
    from .estimator import estimate_query_energy

    try:
        result = estimate_query_energy(
            args.active_params, args.input_tokens, args.output_tokens,
            total_params=args.total_params, accelerator=args.accelerator,
            batch_size=args.batch_size, bytes_per_param=_precision(args.precision),
            kv_bytes_per_value=_precision(args.kv_precision), scope=args.scope,
            model=args.model, experts=args.experts, experts_per_token=args.experts_per_token,
            production_batch=args.production_batch, pue=args.pue,
            tensor_parallel=args.tensor_parallel)
    except (TypeError, ValueError) as err:
        parser.exit(2, f"{parser.prog} estimate: error: {err}\n")
    print(result.summary())
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
