"""18.0.1.2.0: the quote follow-up is an action type of its own, *Schedule Quote
Follow-up*, rather than code calling a private method; Stage Durations has no
nightly action any more."""

from odoo import SUPERUSER_ID, api

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
    env = api.Environment(cr, SUPERUSER_ID, {})
    cron = env.ref(
        "openfire_crm_stage.ir_cron_stage_duration_refresh", raise_if_not_found=False
    )
    if cron:
        cron.unlink()
