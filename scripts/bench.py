"""Benchmark openfire_crm_stage against vanilla Odoo 18 (run it with scripts/bench).

Each row runs its operation on a reference database (vanilla unless the row names
another) and on the module's, in turn for ROUNDS rounds, each run in a transaction
rolled back; it prints the median times, their ratio (module / reference) and the
queries of a run. Event rows compare with a consultant's rules (add_vanilla_rules).

To add a row: a function taking an environment and returning the operation to
time (not its preparation), or None where it does not apply, plus its line in
ROWS. A plain function in ROWS prepares both databases (committed) for the rows
below it. Usage: bench.py VANILLA_DB MODULE_DB ADDONS_PATH [--load N] [--rounds N]
[--skip NAME...]
"""

import argparse
import random
import statistics
import timeit
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from functools import partial

import psycopg2
from lxml import etree

import odoo
from odoo import SUPERUSER_ID, Command, api
from odoo.exceptions import RedirectWarning, UserError
from odoo.modules.registry import Registry
from odoo.tools import mute_logger

STALE_DAYS, STALE = "rotting_threshold_days", "is_rotting"  # crm.stage, crm.lead
OPPORTUNITIES = [("type", "=", "opportunity")]


def stage(env, number):
    return env.ref(f"crm.stage_lead{number}")


def load_data(env, count):
    """Opportunities over Odoo's four stages and three teams, one in ten lost."""
    rng = random.Random(42)
    teams = env["crm.team"].create([{"name": n} for n in ("Rennes", "Nantes", "Brest")])
    partners = env["res.partner"].create([{"name": f"Client {i}"} for i in range(200)])
    lost = env["crm.lost.reason"].create({"name": "Too expensive"})
    env["product.product"].create({"name": "Fire alarm panel", "list_price": 4200})
    Lead = env["crm.lead"].with_context(tracking_disable=True, mail_create_nolog=True)
    for start in range(0, count, 1000):
        Lead.create(
            [
                {
                    "name": f"Site {i}",
                    "type": "opportunity",
                    "partner_id": rng.choice(partners).id,
                    "team_id": rng.choice(teams).id,
                    "stage_id": stage(env, 1 + i % 4).id,
                    "expected_revenue": rng.randint(1, 100) * 500,
                    "active": i % 10 != 0,
                    "lost_reason_id": lost.id if i % 10 == 0 else False,
                }
                for i in range(start, min(start + 1000, count))
            ]
        )


def add_vanilla_rules(env):
    """A consultant's rules in vanilla Odoo: a quote created or sent moves its
    opportunity to Quote, a sent quote plans a follow-up, a Technical Visit
    activity moves its opportunity to Technical Visit."""
    visit = env["mail.activity.type"].create(
        {"name": "Technical Visit", "res_model": "crm.lead", "category": "meeting"}
    )
    order = env["ir.model"]._get_id("sale.order")
    activity = env["ir.model"]._get_id("mail.activity")
    linked = repr([("opportunity_id", "!=", False)])
    move = {"state": "object_write", "update_path": "opportunity_id.stage_id"}
    move.update(evaluation_type="value", value=str(stage(env, 3).id))
    follow_up = "order.opportunity_id.activity_schedule('mail.mail_activity_data_todo',"
    follow_up += " summary='Quote follow-up', user_id=order.opportunity_id.user_id.id"
    follow_up = {"code": f"for order in records:\n    {follow_up} or uid)"}
    to_visit = f"{{'stage_id': {stage(env, 2).id}}}"
    to_visit = {"code": f"env['crm.lead'].browse(record.res_id).write({to_visit})"}
    visits = repr([("res_model", "=", "crm.lead"), ("activity_type_id", "=", visit.id)])
    rules = [  # name, model, trigger, domain field, domain, action
        ("Quote issued", order, "on_create", "filter_domain", linked, move),
        ("Quote sent", order, "on_message_sent", "filter_pre_domain", linked, move),
        ("Follow-up", order, "on_message_sent", "filter_pre_domain", linked, follow_up),
        ("Visit", activity, "on_create", "filter_domain", visits, to_visit),
    ]
    for name, model, trigger, field, domain, action in rules:
        action = {"state": "code", **action, "name": name, "model_id": model}
        rule = {"name": name, "model_id": model, "trigger": trigger, field: domain}
        rule["action_server_ids"] = [Command.create(action)]
        env["base.automation"].create(rule)


# rows


def new_opportunities(env, count=None):
    domain = [("stage_id", "=", stage(env, 1).id), *OPPORTUNITIES]
    return env["crm.lead"].search(domain, limit=count, order="id")


def create_quotes(env, count):
    product = env["product.product"].search([("name", "=", "Fire alarm panel")])
    order = {"order_line": [Command.create({"product_id": product.id})]}
    leads = new_opportunities(env, count)
    return env["sale.order"].create(
        [dict(order, partner_id=o.partner_id.id, opportunity_id=o.id) for o in leads]
    )


def bulk_stage_change(env):
    return partial(new_opportunities(env).write, {"stage_id": stage(env, 3).id})


def kanban_drag(env):
    return partial(new_opportunities(env, 1).write, {"stage_id": stage(env, 2).id})


def kanban_read_group(env):
    sums = ["expected_revenue:sum", "prorated_revenue:sum", "probability:avg"]
    return partial(env["crm.lead"].web_read_group, OPPORTUNITIES, sums, ["stage_id"])


def refused_stage_deletion(env):
    """Vanilla: a foreign key refuses; the module counts the opportunities."""
    refusals = (psycopg2.IntegrityError, UserError, RedirectWarning)

    def unlink():
        with suppress(*refusals), env.cr.savepoint(), mute_logger("odoo.sql_db"):
            stage(env, 2).unlink()
            raise AssertionError("a stage holding opportunities was deleted")

    return unlink


def empty_stage_deletion(env):
    return env["crm.stage"].create({"name": "Survey", "sequence": 3}).unlink


def stage_probability_edit(env):
    if "probability" in env["crm.stage"]:
        return partial(stage(env, 3).write, {"probability": 75})


def move_to_quote(env, count, required=True):
    """COUNT opportunities of New moved to Quote which, with REQUIRED, requires an
    expected revenue and a customer (they all have both): the list's bulk edit
    for 2,000, the pipeline's drag for 1."""
    if required:
        names = ("expected_revenue", "partner_id")
        fields = [env["ir.model.fields"]._get("crm.lead", name).id for name in names]
        stage(env, 3).gate_field_ids = [Command.set(fields)]
    return partial(new_opportunities(env, count).write, {"stage_id": stage(env, 3).id})


def quotes(env, count, rules=True):
    if not rules:  # every rule off, in SQL: the passive cost
        env.cr.execute("UPDATE base_automation SET active = FALSE")
    return partial(create_quotes, env, count)


def quotes_from_stage_line(env, count):
    """The shipped rule off, the same rule made from the Quote stage's dialog."""
    env.ref("openfire_crm_stage.automation_quote_to_quote").active = False
    line = {"stage_id": stage(env, 3).id, "event": "quote_created"}
    env["crm.stage.automation"].create(line)
    return partial(create_quotes, env, count)


def drag_with_entry_line(env):
    """A drag to Estimate while Quote plans a call on entry: Odoo's engine then
    looks up the opportunity rules on every save."""
    call = env.ref("mail.mail_activity_data_call").id
    line = {
        "stage_id": stage(env, 3).id,
        "action": "activity",
        "activity_type_id": call,
    }
    env["crm.stage.automation"].create(line)
    return kanban_drag(env)


def send_quotes(env, count):
    """The email without its PDF (wkhtmltopdf would need a running server)."""
    orders = create_quotes(env, count).with_context(mark_so_as_sent=True)
    post = {"message_type": "comment", "subtype_xmlid": "mail.mt_comment"}
    return lambda: [order.message_post(body="Your quote", **post) for order in orders]


def send_quote_with_composer(env):
    """Send by email, in the composer with Odoo's template, minus its PDF."""
    context = create_quotes(env, 1).action_quotation_send()["context"]
    env.ref("sale.email_template_edi_sale").report_template_ids = False
    composer = env["mail.compose.message"].with_context(**context)
    return lambda: composer.create({}).action_send_mail()


def visits(env, count):
    leads = new_opportunities(env, count)
    visit = env["mail.activity.type"].search([("name", "=", "Technical Visit")])[:1]
    return lambda: [lead.activity_schedule(activity_type_id=visit.id) for lead in leads]


def pipeline_load(env):
    """Stage changes over the last 30 days, an activity on one opportunity in
    five, due from 5 days ago to 5 days ahead."""
    todo = env.ref("mail.mail_activity_data_todo").id
    env.cr.execute(
        """UPDATE crm_lead
              SET date_last_stage_update = now() - (id %% 30) * '1d'::interval;
           INSERT INTO mail_activity (res_model_id, res_model, res_id, user_id,
                                      activity_type_id, date_deadline, active)
           SELECT %s, 'crm.lead', id, 2, %s, current_date + (id %% 11 - 5), TRUE
             FROM crm_lead WHERE id %% 5 = 0""",
        [env["ir.model"]._get_id("crm.lead"), todo],
    )


def open_pipeline(env, days_set=True):
    """What the web client asks to open the pipeline: columns, progress bars, the
    first 40 cards of each and, with the module, the stale counts."""
    module = STALE_DAYS in env["crm.stage"]
    if module and not days_set:
        env.cr.execute(f"UPDATE crm_stage SET {STALE_DAYS} = 0")
    Lead = env["crm.lead"].with_context(default_type="opportunity")
    arch = Lead.get_views([(False, "kanban")])["views"]["kanban"]["arch"]
    names = set(etree.fromstring(arch).xpath("//field/@name"))
    relational = {"fields": {"display_name": {}}}
    spec = {n: relational if Lead._fields[n].relational else {} for n in names}
    sums = ["expected_revenue:sum", "recurring_revenue_monthly:sum"]
    bar = {"field": "activity_state", "colors": {"overdue": "danger"}}
    stale = [*OPPORTUNITIES, (STALE, "=", True)]

    def load():
        groups = Lead.web_read_group(OPPORTUNITIES, sums, ["stage_id"], lazy=True)
        Lead.read_progress_bar(OPPORTUNITIES, "stage_id", bar)
        for group in groups["groups"]:
            Lead.web_search_read(group["__domain"], spec, limit=40)
        if module:  # the columns' stale counts and revenue in the company's currency
            Lead.read_group(stale, ["stage_id"], ["stage_id"])
            Lead.read_revenue_by_stage(OPPORTUNITIES)

    return load


def stage_durations(env, leads=50_000, changes=200_000):
    """Opportunities topped up to LEADS with about CHANGES stage changes (lead ID
    changing ID % span times), written as Odoo's tracking writes them; the
    module's nightly store if it has one; then a day of work: one opportunity in
    a hundred moves back to the first stage."""
    env.cr.execute("SELECT count(*) FROM crm_lead")
    added = max(leads - env.cr.fetchone()[0], 1)
    stages = [stage(env, number) for number in (1, 2, 3, 4)]
    values = {"added": added, "span": 2 * round(changes / added) + 1}
    values.update(ids=[s.id for s in stages], names=[s.name for s in stages])
    values["teams"] = env["crm.team"].search([], limit=3).ids
    values["field"] = env["ir.model.fields"]._get("crm.lead", "stage_id").id
    tracking = """INSERT INTO mail_tracking_value (field_id, mail_message_id,
        old_value_integer, new_value_integer, old_value_char, new_value_char)"""
    env.cr.execute(
        f"""
        INSERT INTO crm_lead (name, type, active, team_id, company_id, create_date)
        SELECT 'Bench', 'opportunity', n %% 10 != 0, (%(teams)s)[1 + n %% 3], 1,
               '2025-01-01'::timestamp + n %% 300 * '1d'::interval
          FROM generate_series(1, %(added)s) n;
        UPDATE crm_lead SET stage_id = (%(ids)s)[1 + (id + id %% %(span)s) %% 4],
               date_closed = create_date + (id %% %(span)s * 6 + 2) * '1d'::interval
         WHERE name = 'Bench';
        UPDATE crm_lead SET date_closed = NULL
         WHERE name = 'Bench' AND active AND stage_id != (%(ids)s)[4];
        WITH message AS (
            INSERT INTO mail_message (model, res_id, message_type, subject, date)
            SELECT 'crm.lead', id, 'notification', step,
                   create_date + '6d'::interval * step
              FROM crm_lead, generate_series(1, id %% %(span)s) step
             WHERE name = 'Bench'
            RETURNING id, res_id + subject::int - 1 AS n
        ) {tracking}
        SELECT %(field)s, id, (%(ids)s)[1 + n %% 4], (%(ids)s)[1 + (n + 1) %% 4],
               (%(names)s)[1 + n %% 4], (%(names)s)[1 + (n + 1) %% 4]
          FROM message;
        UPDATE crm_lead SET write_date = now() - '1d'::interval;
        """,
        values,
    )
    if hasattr(env.get("crm.stage.duration"), "_refresh_stored_visits"):
        env["crm.stage.duration"]._refresh_stored_visits()
    env.cr.execute(
        f"""
        WITH message AS (
            INSERT INTO mail_message (model, res_id, message_type, date)
            SELECT 'crm.lead', id, 'notification', now() AT TIME ZONE 'UTC'
              FROM crm_lead WHERE name = 'Bench' AND id %% 100 = 0
            RETURNING id, res_id
        ) {tracking}
        SELECT %(field)s, message.id, lead.stage_id, (%(ids)s)[1], 'Any', (%(names)s)[1]
          FROM message JOIN crm_lead lead ON lead.id = message.res_id;
        """,
        values,
    )


def durations_pivot(env):
    """The pivot by stage × team: the web client's four read_group requests, at
    once, each on its own cursor as Odoo's server serves them."""
    if "crm.stage.duration" not in env:
        return None

    def request(groupby):
        with env.registry.cursor() as cr:
            durations = env(cr=cr)["crm.stage.duration"]
            measures = ["days:avg", "days_median:median"]
            durations.read_group([], measures, groupby, lazy=False)

    def pivot():
        with ThreadPoolExecutor() as pool:
            list(
                pool.map(
                    request,
                    ([], ["stage_name"], ["team_id"], ["stage_name", "team_id"]),
                )
            )

    return pivot


def durations_sql(env, stored):
    """The pivot's four groupings in SQL, one after the other, on the plain view
    or, STORED, on its rows stored in a materialized view (not timed), as
    18.0.1.1.0 stored them each night."""
    if "crm.stage.duration" not in env:
        return None
    table = "crm_stage_duration"
    if stored:
        env.cr.execute(f"CREATE MATERIALIZED VIEW bench_stays AS SELECT * FROM {table}")
        table = "bench_stays"
    stage_name = "stage_name->>'en_US'"

    def pivot():
        for groupby in ("", stage_name, "team_id", f"{stage_name}, team_id"):
            env.cr.execute(
                f"""SELECT {groupby or "1"}, avg(days), count(*),
                           percentile_cont(0.5) WITHIN GROUP (ORDER BY days_median)
                      FROM {table} GROUP BY {groupby or "1"}"""
            )

    return pivot


def stage_win_rates(env):
    """The stage list: the win rate of every stage, read at once."""
    if "win_rate_summary" in env["crm.stage"]:
        return partial(env["crm.stage"].search([]).read, ["win_rate_summary"])


def conversion_pivot(env):
    """Stage Conversion's pivot by stage, every measure, over the whole history:
    the web client's two read_group requests (total and stages), at once."""
    if "crm.stage.conversion" not in env:
        return None
    measures = ["entered_count:sum", "moved_on_count:sum", "won_count:sum"]
    measures += ["lost_count:sum", "open_count:sum", "conversion:avg"]
    measures += ["win_rate:avg", "days:avg"]

    def request(groupby):
        with env.registry.cursor() as cr:
            conversion = env(cr=cr)["crm.stage.conversion"]
            conversion.read_group([], measures, groupby, lazy=False)

    def pivot():
        with ThreadPoolExecutor() as pool:
            list(pool.map(request, ([], ["stage_name"])))

    return pivot


STALE_DAYS_0 = partial(open_pipeline, days_set=False)
GATED_2000, GATED_1 = (
    partial(move_to_quote, count=2000),
    partial(move_to_quote, count=1),
)
UNGATED_2000 = partial(move_to_quote, count=2000, required=False)
QUOTES_FROM_LINE = partial(quotes_from_stage_line, count=20)
QUOTES_SHIPPED = ("module", partial(quotes, count=20))
DRAG = ("module", kanban_drag)
PLAIN = ("module", partial(durations_sql, stored=False))
UNGATED_1 = partial(move_to_quote, count=1, required=False)
ROWS = [  # (label, row[, (reference database, reference row)]), or a preparation
    ("bulk stage change", bulk_stage_change),
    ("one kanban drag", kanban_drag),
    ("kanban read_group by stage", kanban_read_group),
    ("refused stage deletion (counts)", refused_stage_deletion),
    ("empty stage deletion", empty_stage_deletion),
    ("stage probability edit", stage_probability_edit),
    ("2,000 to Quote, no requirements", UNGATED_2000),
    ("  2 fields required (ref.: none)", GATED_2000, ("module", UNGATED_2000)),
    ("  1 dragged, 2 fields (ref.: none)", GATED_1, ("module", UNGATED_1)),
    ("1 quote, opportunity moved", partial(quotes, count=1)),
    ("20 quotes, opportunities moved", partial(quotes, count=20)),
    ("20 quotes, every rule off", partial(quotes, count=20, rules=False)),
    ("  rule made from the stage (ref.: shipped)", QUOTES_FROM_LINE, QUOTES_SHIPPED),
    ("  drag, an entry line elsewhere (ref.: none)", drag_with_entry_line, DRAG),
    ("send 1 quote by email", partial(send_quotes, count=1)),
    ("send 20 quotes by email", partial(send_quotes, count=20)),
    ("send 1 quote with the composer", send_quote_with_composer),
    ("1 visit, opportunity moved", partial(visits, count=1)),
    ("20 visits, opportunities moved", partial(visits, count=20)),
    pipeline_load,
    ("pipeline load, days to stale at 0", STALE_DAYS_0),
    ("  days set (ref.: days at 0)", open_pipeline, ("module", STALE_DAYS_0)),
    stage_durations,
    ("Stage Durations pivot, 50,000 opp.", durations_pivot),
    ("  its SQL, plain view", partial(durations_sql, stored=False)),
    ("  its SQL, stored (ref.: plain)", partial(durations_sql, stored=True), PLAIN),
    ("win rates of every stage, 50,000 opp.", stage_win_rates),
    ("Stage Conversion pivot, 50,000 opp.", conversion_pivot),
]


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
