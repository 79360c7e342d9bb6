"""Give the shipped stages their days to stale on databases installed before.

The stage data is noupdate, so an upgrade does not load the new values; the
column is new, so no one has set it yet and nothing configured is overwritten.
"""

from odoo import SUPERUSER_ID, api

SHIPPED_THRESHOLDS = {
    "crm.stage_lead1": 7,
    "crm.stage_lead2": 14,
    "openfire_crm_stage.stage_technical_visit": 14,
    "crm.stage_lead3": 21,
}


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    for xmlid, days in SHIPPED_THRESHOLDS.items():
        stage = env.ref(xmlid, raise_if_not_found=False)
        if stage and not stage.rotting_threshold_days and not stage.is_won:
            stage.rotting_threshold_days = days
