"""From 18.0: the days to stale and the stale mark become Odoo's own rotting."""

from odoo.tools import SQL
from odoo.tools.sql import drop_index

# 18.0 defined them; on 19.0 crm (and mail) do, on the same column
FIELDS_NOW_ODOOS = (
    "field_crm_stage__rotting_threshold_days",
    "field_crm_lead__is_rotting",
)
# 18.0 counted the stale opportunities with its own query, which this index
# served; 19.0 counts them with Odoo's search of the rotting ones
STALE_INDEX = "crm_lead_stale_count_index"


def migrate(cr, version):
    """The two fields are Odoo's now: this module's ids on them go, so that
    what it owns is what it defines (Odoo keeps a field another module still
    defines anyway, with its column and the stages' days). The index nothing
    reads any more goes."""
    cr.execute(
        SQL(
            "DELETE FROM ir_model_data WHERE module = %s AND model = %s AND name IN %s",
            "crm_stage_stale",
            "ir.model.fields",
            FIELDS_NOW_ODOOS,
        )
    )
    drop_index(cr, STALE_INDEX, "crm_lead")
