"""Bring databases installed with 18.0.1.0.0 to what a new one gets: the shipped
records are noupdate, so an upgrade does not load their new values."""

from odoo import SUPERUSER_ID, api
from odoo.tools import convert_file

# their records are new: forcecreate off keeps an upgrade from creating them
# (18.0.1.1.0 also stored the Stage Durations history each night: gone in 18.0.1.2.0)
NEW_DATA_FILES = ("data/quote_follow_up_data.xml",)
# the values of data/crm_stage_data.xml
SHIPPED_THRESHOLDS = {
    "crm.stage_lead1": 7,
    "crm.stage_lead2": 14,
    "openfire_crm_stage.stage_technical_visit": 14,
    "crm.stage_lead3": 21,
}


def migrate(cr, version):
    # On email triggers Odoo checks only the Before Update Domain: the "Quote sent
    # by email" rule gets its quote condition there, unless a consultant set one.
    cr.execute(
        """
        UPDATE base_automation rule
           SET filter_pre_domain = rule.filter_domain
          FROM ir_model_data data
         WHERE data.module = 'openfire_crm_stage'
           AND data.name = 'automation_quote_sent_to_quote'
           AND data.res_id = rule.id
           AND rule.trigger = 'on_message_sent'
           AND rule.filter_pre_domain IS NULL
        """
    )
    # Days to stale is a new column: nobody has set it yet.
    env = api.Environment(cr, SUPERUSER_ID, {})
    for xmlid, days in SHIPPED_THRESHOLDS.items():
        stage = env.ref(xmlid, raise_if_not_found=False)
        if stage and not stage.rotting_threshold_days and not stage.is_won:
            stage.rotting_threshold_days = days
    for data_file in NEW_DATA_FILES:
        convert_file(
            env, "openfire_crm_stage", data_file, {}, mode="init", noupdate=True
        )
