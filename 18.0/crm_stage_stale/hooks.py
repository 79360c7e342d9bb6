import json
import logging

from odoo.tools import SQL

from .models.crm_lead_stale import STALE_INDEX

_logger = logging.getLogger(__name__)

MODULE = "crm_stage_stale"
# Left by the uninstallation, read by the next installation: the days to stale
# that went away with their column.
KEPT_AT_UNINSTALL = f"{MODULE}.kept_at_uninstall"
# This module's records and fields were openfire_crm_stage's up to its 18.0.1.3.0:
# a database of then keeps them, under this module's name.
FORMER_MODULE = "openfire_crm_stage"
ADOPTED_XMLIDS = (
    "crm_lead_view_kanban_stale_weighted",
    "crm_lead_view_search_stale",
    "crm_lead_view_list_stale",
    "crm_stage_tree_stale_weighted",
    "crm_stage_form_stale",
    "field_crm_lead__is_rotting",
    "field_crm_lead__days_in_stage",
    "field_crm_stage__rotting_threshold_days",
    "field_crm_stage__currency_id",
    "field_crm_stage__opportunity_count",
    "field_crm_stage__expected_revenue_total",
    "field_crm_stage__weighted_revenue_total",
    "constraint_crm_stage_rotting_threshold_days_range",
)
ADOPTED_CONSTRAINTS = ("crm_stage_rotting_threshold_days_range",)


def pre_init_hook(env):
    """Adopt the records and fields this module defines that a database upgraded
    from openfire_crm_stage 18.0.1.3.0 already has, so that they are updated, not
    created twice nor deleted with their former module's data. Nothing to do on a
    new database."""
    env.cr.execute(
        SQL(
            "UPDATE ir_model_data SET module = %s WHERE module = %s AND name IN %s",
            MODULE,
            FORMER_MODULE,
            ADOPTED_XMLIDS,
        )
    )
    env.cr.execute(
        SQL(
            "UPDATE ir_model_constraint SET module = adopter.id"
            "  FROM ir_module_module adopter, ir_module_module former"
            " WHERE adopter.name = %s AND former.name = %s"
            "   AND ir_model_constraint.module = former.id"
            "   AND ir_model_constraint.name IN %s",
            MODULE,
            FORMER_MODULE,
            ADOPTED_CONSTRAINTS,
        )
    )


def post_init_hook(env):
    """A reinstallation gives the stages back the days to stale they had."""
    value = env["ir.config_parameter"].sudo().get_param(KEPT_AT_UNINSTALL)
    if not value:
        return
    stages = env["crm.stage"].with_context(active_test=False)
    for stage_id, days in json.loads(value).items():
        stages.browse(int(stage_id)).exists().rotting_threshold_days = days
    env["ir.config_parameter"].sudo().search([("key", "=", KEPT_AT_UNINSTALL)]).unlink()


def uninstall_hook(env):
    """Note the days to stale, which go away with their column, for a
    reinstallation; drop the index behind the stale counts, which would only slow
    down writes."""
    stages = (
        env["crm.stage"]
        .with_context(active_test=False)
        .search([("rotting_threshold_days", "!=", 0)])
    )
    env["ir.config_parameter"].sudo().set_param(
        KEPT_AT_UNINSTALL,
        json.dumps({stage.id: stage.rotting_threshold_days for stage in stages}),
    )
    _logger.info(
        "Days to stale noted for a reinstallation: %s",
        ", ".join(f"{stage.name} {stage.rotting_threshold_days}" for stage in stages),
    )
    env.cr.execute(SQL("DROP INDEX IF EXISTS %s", SQL.identifier(STALE_INDEX)))
