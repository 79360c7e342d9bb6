from odoo.tools import SQL

# What this addon took over from openfire_crm_stage 18.0.1.x, where stage gates
# began: its external ids move with it rather than being deleted and created again.
MOVED_XMLIDS = (
    "crm_stage_form_gate",
    "crm_stage_tree_gate",
    "access_ir_model_fields_sale_manager",
    "ir_model_fields_rule_sale_manager",
    "ir_model_fields_rule_erp_manager",
    "field_crm_stage__gate_field_ids",
    "field_crm_stage__gate_field_option_ids",
    "field_crm_stage__is_gated",
    "field_crm_stage__gate_summary",
)


def pre_init_hook(env):
    """Adopt the records of the stage gates of an openfire_crm_stage database."""
    env.cr.execute(
        SQL(
            "UPDATE ir_model_data SET module = 'crm_stage_gate' "
            "WHERE module = 'openfire_crm_stage' AND name IN %s",
            MOVED_XMLIDS,
        )
    )


def post_init_hook(env):
    env["crm.stage"]._restore_gate_settings()


def uninstall_hook(env):
    """The fields to fill go away with their table: a reinstallation gives them
    back."""
    env["crm.stage"]._note_gate_settings(["gate_field_ids"])
