from odoo.tools import SQL

# What this addon took over from openfire_crm_stage 18.0.1.x, where the quote
# requirement began: its external ids move with it.
MOVED_XMLIDS = (
    "field_crm_stage__gate_quote",
    "selection__crm_stage__gate_quote__created",
    "selection__crm_stage__gate_quote__sent",
    "selection__crm_stage__gate_quote__confirmed",
)


def pre_init_hook(env):
    """Adopt the quote requirement of an openfire_crm_stage database."""
    env.cr.execute(
        SQL(
            "UPDATE ir_model_data SET module = 'crm_stage_gate_sale' "
            "WHERE module = 'openfire_crm_stage' AND name IN %s",
            MOVED_XMLIDS,
        )
    )


def post_init_hook(env):
    env["crm.stage"]._restore_gate_settings()


def uninstall_hook(env):
    """The quote requirement goes away with its column: a reinstallation gives
    it back."""
    env["crm.stage"]._note_gate_settings(["gate_quote"])
