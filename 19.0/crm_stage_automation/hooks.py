import json
import logging

from .models.crm_stage_automation_reinstallation import KEPT_AT_UNINSTALL

_logger = logging.getLogger(__name__)

MODULE = "crm_stage_automation"
# Records that came with openfire_crm_stage before this addon was split from it.
ADOPTED_XMLIDS = (
    "view_server_action_form",
    "access_crm_stage_automation_salesman",
    "access_crm_stage_automation_manager",
)


def pre_init_hook(env):
    """Adopt this addon's records that an earlier openfire_crm_stage installed,
    rather than creating them twice, and the foreign keys it created for this
    addon's columns: Odoo notes a foreign key for the module creating it, and
    drops it with that module's uninstallation."""
    env.cr.execute(
        "UPDATE ir_model_data SET module = %s "
        "WHERE module = 'openfire_crm_stage' AND name IN %s",
        (MODULE, ADOPTED_XMLIDS),
    )
    env.cr.execute(
        """
        UPDATE ir_model_constraint constraint_
           SET module = (SELECT id FROM ir_module_module WHERE name = %s)
          FROM ir_module_module module, ir_model model
         WHERE module.id = constraint_.module
           AND module.name = 'openfire_crm_stage'
           AND model.id = constraint_.model
           AND constraint_.type = 'f'
           AND (model.model = 'crm.stage.automation'
                OR constraint_.name = 'ir_act_server_crm_stage_id_fkey')
        """,
        (MODULE,),
    )


def post_init_hook(env):
    env["crm.stage.automation"]._restore_kept_at_uninstall()


def uninstall_hook(env):
    """Leave no rule acting without this addon, and what a reinstallation needs to
    give back the lines a sales manager set."""
    # first, while their rules are still on as the sales manager left them
    noted = env["crm.stage.automation"]._note_for_reinstallation()
    env["ir.config_parameter"].sudo().set_param(KEPT_AT_UNINSTALL, json.dumps(noted))
    # The opportunity's action types go away: a rule keeps its other actions, and
    # is switched off when it has none left.
    actions = env["ir.actions.server"].search(
        [("state", "in", env["ir.actions.server"]._opportunity_action_states())]
    )
    rules = actions.base_automation_id.filtered(
        lambda rule: rule.active and not rule.action_server_ids - actions
    )
    if rules:
        _logger.warning(
            "Automation rules deactivated, their actions go away with %s: %s",
            MODULE,
            rules.mapped("name"),
        )
        rules.active = False
