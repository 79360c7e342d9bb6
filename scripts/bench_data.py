"""Data for scripts/bench.py: the opportunities, a consultant's rules on the
vanilla database, and the preparations run on both databases before their rows."""

import random

import odoo.release

if odoo.release.version_info[0] >= 19:  # Odoo's core setup comes first from 19.0
    import odoo.init

from odoo import Command

STALE_DAYS = "rotting_threshold_days"  # crm.stage

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


def pipeline_load(env):
    """Stage changes over the last 30 days, an activity on one opportunity in
    five, due from 5 days ago to 5 days ahead; where the stages have days to
    stale (the module's, and 19.0's own), OpenFire's: 7, 14, 21 and 0 (won)."""
    if STALE_DAYS in env["crm.stage"]:
        for number, days in enumerate((7, 14, 21, 0), start=1):
            stage(env, number).write({STALE_DAYS: days})
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
