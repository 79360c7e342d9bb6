"""The rows scripts/bench.py times: each a function taking an environment and
returning the operation to time (not its preparation), or None where it does not
apply. A plain function in ROWS prepares both databases (committed) for the rows
below it."""

from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from functools import partial

import psycopg2
from bench_data import (
    OPPORTUNITIES,
    STALE_DAYS,
    create_quotes,
    new_opportunities,
    pipeline_load,
    stage,
    stage_durations,
)
from lxml import etree

from odoo import Command, release
from odoo.exceptions import RedirectWarning, UserError
from odoo.tools import mute_logger

# 19.0's web client groups with web_read_group(domain, groupby, aggregates) and
# reads the open columns' cards in the same call
WEB_19 = release.version_info[0] >= 19


def pivot_first_load(env, model_name, measures, groupings):
    """A pivot's first load, as the series' web client asks it: on 19.0 one
    request grouping by every GROUPINGS at once (SQL grouping sets); on 18.0 one
    read_group per grouping, sent together, each on its own cursor as Odoo's
    server serves them. None without the model."""
    if model_name not in env:
        return None

    def request(groupings):
        with env.registry.cursor() as cr:
            model = env(cr=cr)[model_name]
            if WEB_19:
                model.formatted_read_grouping_sets(
                    [], groupings, [*measures, "__count"]
                )
            else:
                model.read_group([], measures, groupings[0], lazy=False)

    def pivot():
        if WEB_19:
            return request(groupings)
        with ThreadPoolExecutor() as pool:
            list(pool.map(request, ([groupby] for groupby in groupings)))

    return pivot


def bulk_stage_change(env):
    return partial(new_opportunities(env).write, {"stage_id": stage(env, 3).id})


def kanban_drag(env):
    return partial(new_opportunities(env, 1).write, {"stage_id": stage(env, 2).id})


def kanban_read_group(env):
    sums = ["expected_revenue:sum", "prorated_revenue:sum", "probability:avg"]
    if WEB_19:
        return partial(
            env["crm.lead"].web_read_group, OPPORTUNITIES, ["stage_id"], sums
        )
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
    """The shipped rule off, the same rule made from the Quote stage's dialog,
    used once before on as many quotes (as the shipped one was by the rows
    before)."""
    env.ref("openfire_crm_stage.automation_quote_to_quote").active = False
    line = {"stage_id": stage(env, 3).id, "event": "quote_created"}
    env["crm.stage.automation"].create(line)
    create_quotes(env, count)
    env.cr.flush()  # their chatter tracking too, not in the measured run
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


def open_pipeline(env, days_set=True, then=False):
    """What the web client asks to open the pipeline, up to its first screen:
    columns, progress bars, the first 40 cards of each. THEN: what the module's
    columns ask once that screen is shown, their stale counts (and on 18.0 their
    revenue totals); None without the module."""
    Lead = env["crm.lead"].with_context(default_type="opportunity")
    module = hasattr(Lead, "read_stale_count_by_stage")
    if then and not module:
        return None
    if STALE_DAYS in env["crm.stage"] and not days_set:
        env.cr.execute(f"UPDATE crm_stage SET {STALE_DAYS} = 0")
    arch = Lead.get_views([(False, "kanban")])["views"]["kanban"]["arch"]
    view = etree.fromstring(arch)
    names = set(view.xpath("//field/@name"))
    relational = {"fields": {"display_name": {}}}
    spec = {n: relational if Lead._fields[n].relational else {} for n in names}
    sums = ["expected_revenue:sum", "recurring_revenue_monthly:sum"]
    bar = {"field": "activity_state", "colors": {"overdue": "danger"}}
    if WEB_19:  # the progress bar's sums as the client asks them (crm's, and the
        # module's weighted revenue): each by its aggregator, and in the
        # company's currency with the currencies met
        progressbar = view.xpath("//progressbar")[0]
        attributes = ("sum_field", "recurring_revenue_sum_field")
        attributes += ("weighted_revenue_sum_field",)
        summed = [progressbar.get(a) for a in attributes if progressbar.get(a)]
        fields = Lead.fields_get(summed, ["aggregator", "currency_field"])
        sums = [f"{n}:{fields[n]['aggregator']}" for n in summed]
        for name in summed:
            if currency := fields[name].get("currency_field"):
                sums += [f"{currency}:array_agg_distinct", f"{name}:sum_currency"]
        sums = list(dict.fromkeys(sums))

    def first_screen():
        if WEB_19:
            Lead.web_read_group(
                OPPORTUNITIES,
                ["stage_id"],
                sums,
                auto_unfold=True,
                unfold_read_specification=spec,
                unfold_read_default_limit=40,
            )
            Lead.read_progress_bar(OPPORTUNITIES, "stage_id", bar)
        else:
            groups = Lead.web_read_group(OPPORTUNITIES, sums, ["stage_id"], lazy=True)
            Lead.read_progress_bar(OPPORTUNITIES, "stage_id", bar)
            for group in groups["groups"]:
                Lead.web_search_read(group["__domain"], spec, limit=40)

    def column_totals():
        Lead.read_stale_count_by_stage(OPPORTUNITIES)
        if not WEB_19:
            Lead.read_revenue_by_stage(OPPORTUNITIES)

    return column_totals if then else first_screen


def durations_pivot(env):
    """The pivot by stage × team: the average and the median."""
    stage = "stage_tracked_id"
    return pivot_first_load(
        env,
        "crm.stage.duration",
        ["days:avg", "days_median:median"],
        [[], [stage], ["team_id"], [stage, "team_id"]],
    )


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
    stage = "stage_tracked_id"

    def pivot():
        for groupby in ("", stage, "team_id", f"{stage}, team_id"):
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
    """Stage Conversion's pivot by stage, every measure, over the whole history."""
    measures = ["entered_count:sum", "moved_on_count:sum", "won_count:sum"]
    measures += ["lost_count:sum", "open_count:sum", "conversion:avg"]
    measures += ["win_rate:avg", "days:avg"]
    return pivot_first_load(
        env, "crm.stage.conversion", measures, [[], ["stage_tracked_id"]]
    )


STALE_DAYS_0 = partial(open_pipeline, days_set=False)
COLUMN_TOTALS = partial(open_pipeline, then=True)

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
    ("  made from the stage (ref.: shipped)", QUOTES_FROM_LINE, QUOTES_SHIPPED),
    ("  drag, entry line (ref.: none)", drag_with_entry_line, DRAG),
    ("send 1 quote by email", partial(send_quotes, count=1)),
    ("send 20 quotes by email", partial(send_quotes, count=20)),
    ("send 1 quote with the composer", send_quote_with_composer),
    ("1 visit, opportunity moved", partial(visits, count=1)),
    ("20 visits, opportunities moved", partial(visits, count=20)),
    pipeline_load,
    ("pipeline first screen, days at 0", STALE_DAYS_0),
    ("pipeline first screen, days set", open_pipeline),
    ("  days set (ref.: days at 0)", open_pipeline, ("module", STALE_DAYS_0)),
    ("  then column totals (ref.: screen)", COLUMN_TOTALS, ("module", open_pipeline)),
    stage_durations,
    ("Stage Durations pivot, 50,000 opp.", durations_pivot),
    ("  its SQL, plain view", partial(durations_sql, stored=False)),
    ("  its SQL, stored (ref.: plain)", partial(durations_sql, stored=True), PLAIN),
    ("win rates of every stage, 50,000 opp.", stage_win_rates),
    ("Stage Conversion pivot, 50,000 opp.", conversion_pivot),
]
