"""Benchmark openfire_crm_stage against vanilla Odoo 18 (see scripts/bench).

Both databases are opened in this one process and every operation runs on them in
turn, in a savepoint rolled back afterwards, so that they see the same data and the
same machine load. Prints, for each operation, the median time on vanilla and with
the module, the median of the rounds' time ratios with its middle half, the ratio of
Python function calls (counted, so it does not depend on the machine's load) and
the queries.

Event rows (quotes, emails, visits) compare the module's rules with the rules a
consultant would configure in vanilla Odoo for the same moves (--vanilla-rules):
base_automation "Update Record" actions on ``opportunity_id.stage_id`` for quotes
created and sent, a Python-code action for the technical-visit activity.

Usage: python bench.py VANILLA_DB MODULE_DB ADDONS_PATH [--rounds N] [--load N]
       [--vanilla-rules] [--skip OPERATION...]
"""

import argparse
import cProfile
import gc
import pstats
import random
import statistics
import time

import psycopg2
from lxml import etree

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


def add_vanilla_rules(env):
    """What a consultant configures in vanilla Odoo 18 for the module's moves and
    its quote follow-up."""
    quote_stage = env.ref("crm.stage_lead3")
    visit_type = env["mail.activity.type"].create(
        {
            "name": "Technical Visit",
            "res_model": "crm.lead",
            "category": "meeting",
            "sequence": 30,
        }
    )
    order_model = env["ir.model"]._get_id("sale.order")
    quote_move = {
        "name": "Move the opportunity to Quote",
        "model_id": order_model,
        "state": "object_write",
        "update_path": "opportunity_id.stage_id",
        "evaluation_type": "value",
        "value": str(quote_stage.id),
    }
    linked = repr([("opportunity_id", "!=", False)])
    env["base.automation"].create(
        [
            {
                "name": "Quote issued",
                "model_id": order_model,
                "trigger": "on_create",
                "filter_domain": linked,
                "action_server_ids": [Command.create(quote_move)],
            },
            {
                "name": "Quote sent by email",
                "model_id": order_model,
                "trigger": "on_message_sent",
                "filter_pre_domain": linked,
                "action_server_ids": [Command.create(quote_move)],
            },
            {
                "name": "Quote sent by email: follow-up",
                "model_id": order_model,
                "trigger": "on_message_sent",
                "filter_pre_domain": linked,
                "action_server_ids": [
                    Command.create(
                        {
                            "name": "Schedule the quote follow-up",
                            "model_id": order_model,
                            "state": "code",
                            "code": "for order in records:\n"
                            "    order.opportunity_id.activity_schedule(\n"
                            "        'mail.mail_activity_data_todo',\n"
                            "        summary='Quote follow-up',\n"
                            "        user_id=order.opportunity_id.user_id.id or uid)",
                        }
                    )
                ],
            },
            {
                "name": "Technical visit scheduled",
                "model_id": env["ir.model"]._get_id("mail.activity"),
                "trigger": "on_create",
                "filter_domain": repr(
                    [
                        ("res_model", "=", "crm.lead"),
                        ("activity_type_id", "=", visit_type.id),
                    ]
                ),
                "action_server_ids": [
                    Command.create(
                        {
                            "name": "Move the opportunity to Technical Visit",
                            "model_id": env["ir.model"]._get_id("mail.activity"),
                            "state": "code",
                            "code": "env['crm.lead'].browse(record.res_id).write("
                            f"{{'stage_id': {env.ref('crm.stage_lead2').id}}})",
                        }
                    )
                ],
            },
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

    def stage_deletion_refused(self):
        """Vanilla: the database refuses (foreign key); the module counts the
        leads for its message."""
        stage = self.stage_second

        def unlink():
            try:
                with self.env.cr.savepoint(), mute_logger("odoo.sql_db"):
                    stage.unlink()
            except (psycopg2.IntegrityError, RedirectWarning):
                return
            raise AssertionError("a stage holding opportunities was deleted")

        return unlink

    def empty_stage_deletion(self):
        stage = self.env["crm.stage"].create({"name": "Survey", "sequence": 3})
        return stage.unlink

    def stage_probability_edit(self):
        stage = self.stage_third
        if "probability" not in stage._fields:
            return None
        return lambda: stage.write({"probability": 75})

    def quotes_moving_opportunities(self, count):
        """Rules move the quotes' opportunities: the module's or, in vanilla, a
        consultant's (--vanilla-rules)."""
        return lambda: self._quotes(count)

    def quotes_without_moves(self, count):
        """Passive cost: every rule off (in SQL, the registry left be)."""
        self.env.cr.execute("UPDATE base_automation SET active = FALSE")
        return lambda: self._quotes(count)

    def send_quotes(self, count):
        """The email itself, without the PDF (wkhtmltopdf would need a running
        server): the rule's whole cost against the least work."""
        orders = self._quotes(count)
        self.env.cr.flush()

        def send():
            for order in orders:
                order.with_context(mark_so_as_sent=True).message_post(
                    body="Your quote",
                    message_type="comment",
                    subtype_xmlid="mail.mt_comment",
                )

        return send

    def send_quotes_with_composer(self, count):
        """What the rep does: Send by email, the composer with Odoo's quotation
        template, minus its PDF (wkhtmltopdf would need a running server)."""
        orders = self._quotes(count)
        self.env.ref("sale.email_template_edi_sale").report_template_ids = False
        self.env.cr.flush()

        def send():
            for order in orders:
                context = order.action_quotation_send()["context"]
                self.env["mail.compose.message"].with_context(**context).create(
                    {}
                ).action_send_mail()

        return send

    def visits_moving_opportunities(self, count):
        """Technical visits scheduled: a rule moves each opportunity."""
        leads = self._new_opportunities(count)
        visit_type = self.env["mail.activity.type"].search(
            [("name", "=", "Technical Visit"), ("res_model", "=", "crm.lead")], limit=1
        )
        return lambda: [
            lead.activity_schedule(activity_type_id=visit_type.id) for lead in leads
        ]


# (label, method, arguments): events come one per request, or many in one
OPERATIONS = [
    ("bulk stage change", "bulk_stage_change", ()),
    ("one kanban drag", "kanban_drag", ()),
    ("kanban read_group by stage", "kanban_read_group", ()),
    ("stage deletion refused (counts)", "stage_deletion_refused", ()),
    ("empty stage deletion", "empty_stage_deletion", ()),
    ("stage probability edit", "stage_probability_edit", ()),
    ("1 quote, opportunity moved", "quotes_moving_opportunities", (1,)),
    ("20 quotes, opportunities moved", "quotes_moving_opportunities", (20,)),
    ("20 quotes, rules off", "quotes_without_moves", (20,)),
    ("send 1 quote by email", "send_quotes", (1,)),
    ("send 20 quotes by email", "send_quotes", (20,)),
    ("send 1 quote with the composer", "send_quotes_with_composer", (1,)),
    ("1 visit, opportunity moved", "visits_moving_opportunities", (1,)),
    ("20 visits, opportunities moved", "visits_moving_opportunities", (20,)),
]


def measure(registry, method, arguments=(), profile=False):
    """One run of an operation, rolled back: (seconds, queries, Python calls),
    the calls counted only when profiled (the profiler slows the run down)."""
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        bench = Bench(env)
        cr.execute("SAVEPOINT bench")
        operation = getattr(bench, method)(*arguments)
        if operation is None:
            cr.execute("ROLLBACK TO SAVEPOINT bench")
            return None
        env.flush_all()
        env.invalidate_all()
        profiler = cProfile.Profile() if profile else None
        gc.collect()
        gc.disable()  # as timeit does: a collection would land in either column
        queries, start = cr.sql_log_count, time.perf_counter()
        if profiler:
            profiler.enable()
        operation()
        cr.flush()  # what the end of a request does: flush and precommit hooks
        if profiler:
            profiler.disable()
        elapsed, queries = time.perf_counter() - start, cr.sql_log_count - queries
        gc.enable()
        cr.rollback()
    registry.reset_changes()  # as after a rolled back request: drop stale caches
    calls = None
    if profiler:
        calls = sum(stat[1] for stat in pstats.Stats(profiler).stats.values())
    return elapsed, queries, calls


def loop_time():
    """Time of a fixed pure-Python loop: sampled along the run, it shows how much
    this machine's speed varies."""
    start = time.perf_counter()
    sum(range(3_000_000))
    return (time.perf_counter() - start) * 1000


def compare(registries, method, arguments, rounds):
    """Rounds of vanilla and module back to back, in alternate order, so that
    both columns see the same machine load; then one profiled run of each."""
    runs = {name: [] for name in registries}
    for index in range(rounds):
        names = list(registries) if index % 2 == 0 else list(registries)[::-1]
        for name in names:
            runs[name].append(measure(registries[name], method, arguments))
    if runs["module"][0] is None:
        return None
    figures = {}
    for name, results in runs.items():
        if results[0] is None:
            figures[name] = None
            continue
        figures[name] = {
            "ms": statistics.median(result[0] for result in results) * 1000,
            "queries": statistics.median(result[1] for result in results),
            "calls": measure(registries[name], method, arguments, profile=True)[2],
        }
    if figures["vanilla"]:
        ratios = sorted(
            module[0] / vanilla[0]
            for vanilla, module in zip(runs["vanilla"], runs["module"], strict=True)
        )
        quartiles = statistics.quantiles(ratios, n=4) if len(ratios) > 1 else ratios
        figures["ratio"] = statistics.median(ratios), quartiles[0], quartiles[-1]
        figures["calls ratio"] = (
            figures["module"]["calls"] / figures["vanilla"]["calls"]
        )
    return figures


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
        "--vanilla-rules",
        action="store_true",
        help="add a consultant's equivalent rules to the vanilla database",
    )
    parser.add_argument(
        "--skip",
        nargs="*",
        default=(),
        help="skip these operations (method names, pipeline_load, stage_durations)",
    )
    parser.add_argument(
        "--only-extra",
        action="store_true",
        help="run only the pipeline load and stage durations rows",
    )
    args = parser.parse_args()
    odoo.tools.config.parse_config(
        [f"--addons-path={args.addons_path}", "--log-level=warn", "--db_maxconn=8"]
    )
    registries = {
        "vanilla": odoo.modules.registry.Registry(args.vanilla_db),
        "module": odoo.modules.registry.Registry(args.module_db),
    }
    if args.load or args.vanilla_rules:
        with registries["vanilla"].cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            if args.load:
                load_data(env, args.load)
            else:
                add_vanilla_rules(env)
        return

    with registries["module"].cursor() as cr:
        leads = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})["crm.lead"]
        print(
            f"{leads.with_context(active_test=False).search_count([])} opportunities, "
            f"{leads.search_count([('active', '=', False)])} archived; times: median "
            f"of {args.rounds} rounds; time ratio: median of the rounds' ratios "
            f"(middle half); calls: Python function calls, module/vanilla\n"
        )
    print(
        f"{'operation':34} {'vanilla':>9} {'module':>9} {'time ratio':>17} "
        f"{'calls':>6} {'queries':>11}"
    )
    loop_times = [loop_time()]
    for label, method, arguments in OPERATIONS:
        if method in args.skip or args.only_extra:
            continue
        loop_times.append(loop_time())
        figures = compare(registries, method, arguments, args.rounds)
        if figures is None:
            continue
        vanilla, module = figures["vanilla"], figures["module"]
        if vanilla is None:
            print(
                f"{label:34} {'-':>9} {module['ms']:>7.1f}ms {'-':>17} {'-':>6} "
                f"{'-':>5}/{module['queries']:<5.0f}"
            )
            continue
        ratio, low, high = figures["ratio"]
        print(
            f"{label:34} {vanilla['ms']:>7.1f}ms {module['ms']:>7.1f}ms "
            f"{ratio:>5.2f} ({low:.2f}-{high:.2f}) {figures['calls ratio']:>6.2f} "
            f"{vanilla['queries']:>5.0f}/{module['queries']:<5.0f}"
        )
    if "pipeline_load" not in args.skip:
        pipeline_load_rows(registries, args.rounds)
    loop_times.append(loop_time())
    print(
        f"\ntiming noise: the same Python loop took {min(loop_times):.0f} to "
        f"{max(loop_times):.0f} ms along the run"
    )
    if "stage_durations" not in args.skip:
        bench_stage_durations(registries["module"])


def bench_stage_durations(registry, leads=50_000, changes=200_000, rounds=5):
    """CRM › Reporting › Stage Durations, on LEADS opportunities (topped up) with
    about CHANGES stage changes, written in SQL as Odoo's tracking writes them,
    stored by the nightly refresh, then a day of work. Times the pivot by stage
    × team as the web client loads it: its four read_group requests at once
    (served in parallel, as Odoo's server does) and, for reference, one after
    the other; then the drill-down into one cell. The data is committed, for
    the parallel requests to see it, and deleted afterwards."""
    from concurrent.futures import ThreadPoolExecutor

    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        if "crm.stage.duration" not in env:
            return
        stages = [env.ref(f"crm.stage_lead{i}") for i in (1, 2, 3, 4)]
        teams = env["crm.team"].search([], limit=3).ids
        quote = stages[2].name
        change_count = _stage_history(env, stages, teams, leads, changes)
    measures = ["days:avg", "days_median:avg"]
    groupbys = ([], ["stage_name"], ["team_id"], ["stage_name", "team_id"])

    def read_group(groupby):
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            env["crm.stage.duration"].read_group([], measures, groupby, lazy=False)

    def pivot():
        with ThreadPoolExecutor(max_workers=len(groupbys)) as pool:
            list(pool.map(read_group, groupbys))

    def pivot_sequential():
        for groupby in groupbys:
            read_group(groupby)

    def drill_down():
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            env["crm.stage.duration"].web_search_read(
                [("stage_name", "=", quote), ("team_id", "=", teams[0])],
                {"lead_id": {"fields": {"display_name": {}}}, "days": {}},
                limit=80,
            )

    try:
        print(
            f"\nstage durations: {leads} opportunities, {change_count} stage "
            f"changes; goal: the pivot in 2000 ms or less"
        )
        for label, operation in (
            ("stage durations pivot", pivot),
            ("  same, requests one by one", pivot_sequential),
            ("stage durations drill-down", drill_down),
        ):
            timings = []
            for _round in range(rounds):
                start = time.perf_counter()
                operation()
                timings.append(time.perf_counter() - start)
            print(f"{label:34} {'-':>9} {statistics.median(timings) * 1000:>7.1f}ms")
    finally:
        with registry.cursor() as cr:
            cr.execute(
                """
                DELETE FROM mail_message
                 WHERE model = 'crm.lead'
                   AND res_id IN (SELECT id FROM crm_lead WHERE name LIKE 'Bench %')
                """
            )
            cr.execute("DELETE FROM crm_lead WHERE name LIKE 'Bench %'")
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            env["crm.stage.duration"]._refresh_stored_visits()


def _stage_history(env, stages, teams, leads, changes):
    """Opportunities named 'Bench N' up to LEADS, lead N changing stage N % span
    times (about CHANGES in all); the history is stored, then one in a hundred
    opportunities moves back to the first stage today. Returns the changes."""
    cr = env.cr
    cr.execute("SELECT COUNT(*) FROM crm_lead")
    added = max(leads - cr.fetchone()[0], 1)
    values = {
        "added": added,
        "span": 2 * round(changes / added) + 1,
        "stage_ids": [stage.id for stage in stages],
        "stage_names": [stage.name for stage in stages],
        "team_ids": teams,
        "field_id": env["ir.model.fields"]._get("crm.lead", "stage_id").id,
        "first_id": stages[0].id,
        "first_name": stages[0].name,
    }
    cr.execute(
        """
        INSERT INTO crm_lead (name, type, active, team_id, company_id, stage_id,
                              create_date, date_closed)
        SELECT 'Bench ' || n, 'opportunity', n %% 10 != 0,
               (%(team_ids)s::int[])[1 + n %% array_length(%(team_ids)s, 1)],
               1, (%(stage_ids)s::int[])[1 + (n + n %% %(span)s) %% 4],
               TIMESTAMP '2025-01-01' + n %% 300 * INTERVAL '1 day',
               CASE WHEN n %% 10 = 0 OR (n + n %% %(span)s) %% 4 = 3
                    THEN TIMESTAMP '2025-01-03' + n %% 300 * INTERVAL '1 day'
                         + n %% %(span)s * INTERVAL '6 days'
               END
          FROM generate_series(1, %(added)s) n
        """,
        values,
    )
    cr.execute(
        """
        INSERT INTO mail_message (model, res_id, message_type, subject, date)
        SELECT 'crm.lead', lead.id, 'notification', step::text,
               lead.create_date + step * INTERVAL '6 days'
          FROM crm_lead lead
         CROSS JOIN LATERAL generate_series(
               1, substr(lead.name, 7)::int %% %(span)s) step
         WHERE lead.name LIKE 'Bench %%'
        """,
        values,
    )
    cr.execute(
        """
        INSERT INTO mail_tracking_value (field_id, mail_message_id,
            old_value_integer, new_value_integer, old_value_char, new_value_char)
        SELECT %(field_id)s, message.id,
               (%(stage_ids)s::int[])[1 + (position.n + position.step - 1) %% 4],
               (%(stage_ids)s::int[])[1 + (position.n + position.step) %% 4],
               (%(stage_names)s::text[])[1 + (position.n + position.step - 1) %% 4],
               (%(stage_names)s::text[])[1 + (position.n + position.step) %% 4]
          FROM mail_message message
          JOIN crm_lead lead ON lead.id = message.res_id
         CROSS JOIN LATERAL (
               SELECT substr(lead.name, 7)::int AS n,
                      message.subject::int AS step
         ) position
         WHERE message.model = 'crm.lead' AND lead.name LIKE 'Bench %%'
        """,
        values,
    )
    # the nightly refresh stores the history, all saved before it; then a day
    # of work: one in a hundred opportunities moves back to the first stage
    cr.execute("UPDATE crm_lead SET write_date = NOW() - INTERVAL '1 day'")
    env["crm.stage.duration"]._refresh_stored_visits()
    cr.execute(
        """
        INSERT INTO mail_message (model, res_id, message_type, subject, date)
        SELECT 'crm.lead', id, 'notification', 'today', NOW() AT TIME ZONE 'UTC'
          FROM crm_lead WHERE name LIKE 'Bench %%' AND id %% 100 = 0;
        INSERT INTO mail_tracking_value (field_id, mail_message_id,
            old_value_integer, new_value_integer, old_value_char, new_value_char)
        SELECT %(field_id)s, message.id, lead.stage_id, %(first_id)s, 'Any',
               %(first_name)s
          FROM mail_message message
          JOIN crm_lead lead ON lead.id = message.res_id
         WHERE message.subject = 'today';
        """,
        values,
    )
    cr.execute("ANALYZE crm_lead, mail_message, mail_tracking_value")
    cr.execute(
        "SELECT COUNT(*) FROM mail_tracking_value WHERE field_id = %s",
        [values["field_id"]],
    )
    return cr.fetchone()[0]


def _prepare_pipeline(registry):
    """Give the pipeline some age, once, in the same way in both databases: stage
    changes spread over the last 30 days, an activity on one lead in five, due
    from 5 days ago to 5 days ahead."""
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        cr.execute(
            "UPDATE crm_lead SET date_last_stage_update = "
            "now() - (id % 30) * interval '1 day'"
        )
        cr.execute(
            """
            INSERT INTO mail_activity (res_model_id, res_model, res_id, user_id,
                                       activity_type_id, date_deadline, active)
            SELECT model.id, 'crm.lead', lead.id, 2, %s,
                   current_date + (lead.id %% 11 - 5), TRUE
              FROM crm_lead lead, ir_model model
             WHERE model.model = 'crm.lead' AND lead.id %% 5 = 0
            """,
            [env.ref("mail.mail_activity_data_todo").id],
        )
    with registry.cursor() as cr:
        # the rolled back rounds before leave dead rows: both databases start clean
        cr._cnx.autocommit = True
        cr.execute("VACUUM ANALYZE crm_lead, mail_activity")


def _open_pipeline(env, thresholds):
    """What the web client asks to open the pipeline: the columns, their progress
    bars, the kanban's fields of the first 40 cards of each, and with the module
    the stale counts. ``thresholds=False`` first sets every stage's days to stale
    to 0 (not timed, rolled back)."""
    with_module = "rotting_threshold_days" in env["crm.stage"]._fields
    if with_module and not thresholds:
        env.cr.execute("UPDATE crm_stage SET rotting_threshold_days = 0")
    Lead = env["crm.lead"].with_context(default_type="opportunity")
    view = Lead.get_views([(False, "kanban")])["views"]["kanban"]
    names = set(etree.fromstring(view["arch"]).xpath("//field/@name"))
    spec = {
        name: {"fields": {"display_name": {}}} if Lead._fields[name].relational else {}
        for name in names
    }
    domain = [("type", "=", "opportunity")]
    aggregates = ["expected_revenue:sum", "recurring_revenue_monthly:sum"]
    if with_module:
        aggregates.append("prorated_revenue:sum")

    def open_pipeline():
        groups = Lead.web_read_group(domain, aggregates, ["stage_id"], lazy=True)
        Lead.read_progress_bar(
            domain,
            "stage_id",
            {
                "field": "activity_state",
                "colors": {
                    "planned": "success",
                    "today": "warning",
                    "overdue": "danger",
                },
            },
        )
        for group in groups["groups"]:
            Lead.web_search_read(group["__domain"], spec, limit=40)
        if with_module:
            Lead.read_group(
                [*domain, ("is_rotting", "=", True)],
                ["stage_id"],
                ["stage_id"],
                lazy=False,
            )

    return open_pipeline


def pipeline_load_rows(registries, rounds):
    """Opening the pipeline: vanilla, the module with every stage's days to stale
    at 0, the module with the shipped days; the ratio asked of the stale marks is
    the last over the one before (goal <= 1.10)."""
    for registry in registries.values():
        _prepare_pipeline(registry)
    variants = {
        "vanilla": (registries["vanilla"], True),
        "days 0": (registries["module"], False),
        "days set": (registries["module"], True),
    }
    times = {name: [] for name in variants}
    queries = {}
    for index in range(rounds):
        names = list(variants) if index % 2 == 0 else list(variants)[::-1]
        for name in names:
            registry, thresholds = variants[name]
            with registry.cursor() as cr:
                env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
                operation = _open_pipeline(env, thresholds)
                env.flush_all()
                env.invalidate_all()
                gc.collect()
                gc.disable()
                count, start = cr.sql_log_count, time.perf_counter()
                operation()
                times[name].append(time.perf_counter() - start)
                queries[name] = cr.sql_log_count - count
                gc.enable()
                cr.rollback()
            registry.reset_changes()
    for label, name, reference in (
        ("pipeline load, module, days 0", "days 0", "vanilla"),
        ("pipeline load, module, days set", "days set", "days 0"),
    ):
        ratios = sorted(
            mine / other
            for mine, other in zip(times[name], times[reference], strict=True)
        )
        quartiles = statistics.quantiles(ratios, n=4) if len(ratios) > 1 else ratios
        low, high = quartiles[0], quartiles[-1]
        print(
            f"{label:34} {statistics.median(times[reference]) * 1000:>7.1f}ms "
            f"{statistics.median(times[name]) * 1000:>7.1f}ms "
            f"{statistics.median(ratios):>5.2f} ({low:.2f}-{high:.2f}) {'-':>6} "
            f"{queries[reference]:>5.0f}/{queries[name]:<5.0f}"
        )


if __name__ == "__main__":
    main()
