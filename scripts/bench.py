"""Benchmark openfire_crm_stage against vanilla Odoo 18 (see scripts/bench).

Both databases are opened in this one process and every operation runs on them in
turn, in a savepoint rolled back afterwards, so that they see the same data and the
same machine load. Prints, for each operation, the median time and the queries on
vanilla and with the module, and their ratio.

Usage: python bench.py VANILLA_DB MODULE_DB ADDONS_PATH [--rounds N] [--load N]
"""

import argparse
import gc
import random
import statistics
import time

import psycopg2

import odoo
from odoo import Command
from odoo.exceptions import RedirectWarning
from odoo.tools import mute_logger

TEAMS = ("Rennes", "Nantes", "Brest")


def load_data(env, lead_count):
    """Same synthetic pipeline in both databases: opportunities spread over Odoo's
    four stages and three teams, one in ten archived (lost)."""
    rng = random.Random(42)
    teams = env["crm.team"].create([{"name": name} for name in TEAMS])
    partners = env["res.partner"].create(
        [{"name": f"Customer {i}"} for i in range(200)]
    )
    stages = [env.ref(f"crm.stage_lead{i}") for i in (1, 2, 3, 4)]
    lost_reason = env["crm.lost.reason"].create({"name": "Too expensive"})
    # created here: creating a product clears the registry caches
    env["product.product"].create(
        {"name": "Fire alarm control panel", "list_price": 4200}
    )
    Lead = env["crm.lead"].with_context(tracking_disable=True, mail_create_nolog=True)
    for start in range(0, lead_count, 1000):
        Lead.create(
            [
                {
                    "name": f"Site {index}",
                    "type": "opportunity",
                    "partner_id": rng.choice(partners).id,
                    "team_id": rng.choice(teams).id,
                    "stage_id": stages[index % 4].id,
                    "expected_revenue": rng.randint(1, 100) * 500,
                    "active": index % 10 != 0,
                    "lost_reason_id": lost_reason.id if index % 10 == 0 else False,
                }
                for index in range(start, min(start + 1000, lead_count))
            ]
        )
    env.cr.commit()


class Bench:
    def __init__(self, env):
        self.env = env
        self.stage_new = env.ref("crm.stage_lead1")
        self.stage_second = env.ref("crm.stage_lead2")
        self.stage_third = env.ref("crm.stage_lead3")
        self.product = env["product.product"].search(
            [("name", "=", "Fire alarm control panel")], limit=1
        )

    def _new_opportunities(self, count):
        return self.env["crm.lead"].search(
            [("stage_id", "=", self.stage_new.id), ("type", "=", "opportunity")],
            limit=count,
            order="id",
        )

    def _quotes(self, count):
        return self.env["sale.order"].create(
            [
                {
                    "partner_id": lead.partner_id.id,
                    "opportunity_id": lead.id,
                    "order_line": [Command.create({"product_id": self.product.id})],
                }
                for lead in self._new_opportunities(count)
            ]
        )

    # operations: each returns the callable to time (preparation is not timed)

    def bulk_stage_change(self):
        leads = self.env["crm.lead"].search([("stage_id", "=", self.stage_new.id)])
        return lambda: leads.write({"stage_id": self.stage_third.id})

    def kanban_drag(self):
        lead = self._new_opportunities(1)
        return lambda: lead.write({"stage_id": self.stage_second.id})

    def kanban_read_group(self):
        Lead = self.env["crm.lead"].with_context(default_type="opportunity")
        return lambda: Lead.web_read_group(
            [("type", "=", "opportunity")],
            [
                "stage_id",
                "expected_revenue:sum",
                "prorated_revenue:sum",
                "probability:avg",
            ],
            ["stage_id"],
        )

    def stage_deletion_check(self):
        stage = self.stage_second

        def unlink():
            try:
                with self.env.cr.savepoint(), mute_logger("odoo.sql_db"):
                    stage.unlink()
            # vanilla: the database refuses; the module: a message
            except (psycopg2.IntegrityError, RedirectWarning):
                return
            raise AssertionError("a stage holding opportunities was deleted")

        return unlink

    def stage_probability_edit(self):
        stage = self.stage_third
        if "probability" not in stage._fields:
            return None
        return lambda: stage.write({"probability": 75})

    def _with_module(self):
        return "on_change" in self.env["crm.stage"]._fields

    def quotes_moving_opportunities(self):
        """Vanilla: the rep creates the quotes then moves their opportunities to the
        third stage; with the module, the rules move them."""
        if self._with_module():
            return lambda: self._quotes(20)
        return lambda: self._quotes(20).opportunity_id.write(
            {"stage_id": self.stage_third.id}
        )

    def quotes_without_moves(self):
        """Passive cost: the module's rules are off (in SQL, registry left be)."""
        self.env.cr.execute("UPDATE base_automation SET active = FALSE")
        self.env.registry.clear_cache()  # the module caches the active rules
        return lambda: self._quotes(20)

    def send_quotes(self):
        orders = self._quotes(20)
        self.env.cr.flush()

        def send():
            for order in orders:
                order.with_context(mark_so_as_sent=True).message_post(
                    body="Your quote",
                    message_type="comment",
                    subtype_xmlid="mail.mt_comment",
                )

        return send

    def visits_moving_opportunities(self):
        """Vanilla: technical visits (an activity type made like the module's) then
        a move to the second stage; with the module, the rule moves them."""
        leads = self._new_opportunities(20)
        if self._with_module():
            visit_type = self.env.ref(
                "openfire_crm_stage.mail_activity_type_technical_visit"
            )
            return lambda: [
                lead.activity_schedule(activity_type_id=visit_type.id) for lead in leads
            ]
        visit_type = self.env["mail.activity.type"].create(
            {
                "name": "Technical Visit",
                "res_model": "crm.lead",
                "category": "meeting",
                "sequence": 30,
            }
        )

        def schedule_then_move():
            for lead in leads:
                lead.activity_schedule(activity_type_id=visit_type.id)
            leads.write({"stage_id": self.stage_second.id})

        return schedule_then_move


OPERATIONS = [
    ("bulk stage change", "bulk_stage_change"),
    ("one kanban drag", "kanban_drag"),
    ("kanban read_group by stage", "kanban_read_group"),
    ("stage deletion check", "stage_deletion_check"),
    ("stage probability edit", "stage_probability_edit"),
    ("20 quotes, opportunities moved", "quotes_moving_opportunities"),
    ("20 quotes, rules off", "quotes_without_moves"),
    ("send 20 quotes by email", "send_quotes"),
    ("20 visits, opportunities moved", "visits_moving_opportunities"),
]


def measure(registry, method):
    """One timed run of an operation, rolled back; returns (seconds, queries)."""
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        bench = Bench(env)
        cr.execute("SAVEPOINT bench")
        operation = getattr(bench, method)()
        if operation is None:
            cr.execute("ROLLBACK TO SAVEPOINT bench")
            return None
        env.flush_all()
        env.invalidate_all()
        gc.collect()
        gc.disable()  # as timeit does: a collection would land in either column
        queries, start = cr.sql_log_count, time.perf_counter()
        operation()
        cr.flush()  # what the end of a request does: flush and precommit hooks
        elapsed, queries = time.perf_counter() - start, cr.sql_log_count - queries
        gc.enable()
        cr.rollback()
    registry.reset_changes()  # as after a rolled back request: drop stale caches
    return elapsed, queries


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("vanilla_db")
    parser.add_argument("module_db")
    parser.add_argument("addons_path")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument(
        "--load", type=int, default=0, help="load N opportunities first"
    )
    parser.add_argument(
        "--only", nargs="*", help="run only these operations (method names)"
    )
    args = parser.parse_args()
    odoo.tools.config.parse_config(
        [f"--addons-path={args.addons_path}", "--log-level=warn", "--db_maxconn=8"]
    )
    registries = {
        "vanilla": odoo.modules.registry.Registry(args.vanilla_db),
        "module": odoo.modules.registry.Registry(args.module_db),
    }
    if args.load:
        with registries["vanilla"].cursor() as cr:
            load_data(odoo.api.Environment(cr, odoo.SUPERUSER_ID, {}), args.load)
        return

    with registries["module"].cursor() as cr:
        leads = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})["crm.lead"]
        print(
            f"{leads.with_context(active_test=False).search_count([])} opportunities, "
            f"{leads.search_count([('active', '=', False)])} archived, "
            f"median of {args.rounds} rounds\n"
        )
    print(
        f"{'operation':32} {'vanilla':>10} {'module':>10} {'ratio':>6}   "
        f"{'queries':>15}"
    )
    for label, method in OPERATIONS:
        if args.only and method not in args.only:
            continue
        runs = {"vanilla": [], "module": []}
        for _round in range(args.rounds):
            for name, registry in registries.items():  # interleaved: same load
                runs[name].append(measure(registry, method))
        if runs["vanilla"][0] is None and runs["module"][0] is None:
            continue
        figures = {}
        for name, results in runs.items():
            if results[0] is None:
                figures[name] = None
            else:
                figures[name] = (
                    statistics.median(seconds for seconds, _queries in results) * 1000,
                    statistics.median(queries for _seconds, queries in results),
                )
        vanilla, module = figures["vanilla"], figures["module"]
        if vanilla is None:
            print(
                f"{label:32} {'-':>10} {module[0]:>8.1f}ms {'-':>6}   "
                f"{'-':>7}/{module[1]:<7.0f}"
            )
            continue
        print(
            f"{label:32} {vanilla[0]:>8.1f}ms {module[0]:>8.1f}ms "
            f"{module[0] / vanilla[0]:>6.2f}"
            f"   {vanilla[1]:>7.0f}/{module[1]:<7.0f}"
        )


if __name__ == "__main__":
    main()
