"""18.0.1.2.0: the quote follow-up is an action type of its own, *Schedule Quote
Follow-up*, rather than code calling a private method; the shipped rules show as
lines of their stages' Automation section; Stage Durations has no nightly action
any more."""

from odoo import SUPERUSER_ID, api
from odoo.tools import convert_file

# the code of the action shipped in 18.0.1.1.0, also in the rules duplicated from it
SHIPPED_CODE = "records.opportunity_id._schedule_quote_follow_up()"


def migrate(cr, version):
    cr.execute(
        """
        UPDATE ir_act_server
           SET state = 'crm_quote_follow_up', code = NULL
         WHERE state = 'code' AND TRIM(code) = %s
        """,
        [SHIPPED_CODE],
    )
    # the follow-up rule's condition, as its stage line writes it
    cr.execute(
        """
        UPDATE base_automation rule
           SET filter_domain = rule.filter_pre_domain
          FROM ir_model_data data
         WHERE data.module = 'openfire_crm_stage'
           AND data.name = 'automation_quote_sent_follow_up'
           AND data.res_id = rule.id
           AND rule.filter_domain IS NULL
        """
    )
    env = api.Environment(cr, SUPERUSER_ID, {})
    env.invalidate_all()
    convert_file(
        env,
        "openfire_crm_stage",
        "data/crm_stage_automation_data.xml",
        {},
        mode="init",
        noupdate=True,
    )
    cron = env.ref(
        "openfire_crm_stage.ir_cron_stage_duration_refresh", raise_if_not_found=False
    )
    if cron:
        cron.unlink()
