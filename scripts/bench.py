"""Benchmark openfire_crm_stage against vanilla Odoo (run it with scripts/bench).

Each row of bench_rows.ROWS runs its operation on a reference database (vanilla
unless the row names another) and on the module's, in turn for ROUNDS rounds, each
run in a transaction rolled back; it prints the median times, their ratio
(module / reference) and the queries of a run. Event rows compare with a
consultant's rules (add_vanilla_rules). Usage: bench.py VANILLA_DB MODULE_DB
ADDONS_PATH [--load N] [--rounds N] [--skip NAME...]
"""

import argparse
import statistics
import timeit

import psycopg2
from bench_data import add_vanilla_rules, load_data
from bench_rows import ROWS

import odoo.sql_db
from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry


def measure(registry, row):
    """One run of ROW, rolled back: (seconds, queries), or None."""
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        if (operation := row(env)) is None:
            return cr.rollback()
        env.flush_all()
        env.invalidate_all()
        queries = odoo.sql_db.sql_counter  # of every cursor: the parallel pivot's too
        # timeit switches the garbage collector off; cr.flush() ends as a request does
        seconds = timeit.timeit(lambda: (operation(), cr.flush()), number=1)
        queries = odoo.sql_db.sql_counter - queries
        cr.rollback()
    registry.reset_changes()  # as a rolled back request does: no stale cache
    return seconds, queries


def compare(registries, rounds, label, row, reference=None):
    database, reference_row = reference or ("vanilla", row)
    sides = [(registries[database], reference_row), (registries["module"], row)]
    runs = [[], []]
    for index in range(rounds):  # in alternate order: both see the same machine load
        for side in (0, 1) if index % 2 == 0 else (1, 0):
            runs[side].append(measure(*sides[side]))
    if runs[1][0] is None:
        return
    ms = [
        statistics.median(r[0] for r in side) * 1000 if side[0] else 0 for side in runs
    ]
    queries = "/".join(str(side[0][1]) if side[0] else "-" for side in runs)
    reference, ratio = (f"{ms[0]:.1f}ms", f"{ms[1] / ms[0]:.2f}") if ms[0] else "--"
    print(f"{label:36} {reference:>10} {ms[1]:8.1f}ms {ratio:>6} {queries:>11}")


def main():
    parser = argparse.ArgumentParser()
    for name in ("vanilla_db", "module_db", "addons_path"):
        parser.add_argument(name)
    parser.add_argument("--load", type=int, help="only load N opportunities (vanilla)")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--skip", nargs="*", default=(), help="functions in ROWS")
    args = parser.parse_args()
    odoo.tools.config.parse_config(
        ["--addons-path", args.addons_path, "--log-level=warn"]
    )
    registries = {"vanilla": Registry(args.vanilla_db)}
    if not args.load:
        registries["module"] = Registry(args.module_db)
    with registries["vanilla"].cursor() as cr:  # committed
        env = api.Environment(cr, SUPERUSER_ID, {})
        load_data(env, args.load) if args.load else add_vanilla_rules(env)
    if args.load:
        return
    print(f"times: median of {args.rounds} rounds; ratio: module / reference\n")
    print(f"{'':36} {'reference':>10} {'module':>10} {'ratio':>6} {'queries':>11}")
    skipping, skip = False, args.skip
    for entry in ROWS:
        if callable(entry):  # a preparation: on both databases, committed
            skipping = entry.__name__ in skip
            for registry in () if skipping else registries.values():
                with registry.cursor() as cr:
                    entry(api.Environment(cr, SUPERUSER_ID, {}))
                vacuum(registry.db_name)
        elif not skipping and getattr(entry[1], "func", entry[1]).__name__ not in skip:
            compare(registries, args.rounds, *entry)


def vacuum(database):
    """Dead rows of the rolled back runs out, statistics up to date, in both."""
    cnx = psycopg2.connect(**odoo.sql_db.connection_info_for(database)[1])
    cnx.autocommit = True
    cnx.cursor().execute("VACUUM ANALYZE")
    cnx.close()


if __name__ == "__main__":
    main()
