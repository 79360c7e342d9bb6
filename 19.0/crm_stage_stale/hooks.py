import json

# Left by the uninstallation of this module on 18.0, when the days to stale were
# its own column and went away with it.
KEPT_AT_UNINSTALL = "crm_stage_stale.kept_at_uninstall"


def post_init_hook(env):
    """Installed where 18.0 uninstalled it: the stages get back the days they had
    then, in Odoo's own days to rot, unless someone has set them since."""
    parameters = env["ir.config_parameter"]
    noted = parameters.get_param(KEPT_AT_UNINSTALL)
    if not noted:
        return
    stages = env["crm.stage"].with_context(active_test=False)
    for stage_id, days in json.loads(noted).items():
        stage = stages.browse(int(stage_id)).exists()
        if stage and not stage.rotting_threshold_days:
            stage.rotting_threshold_days = days
    parameters.set_param(KEPT_AT_UNINSTALL, False)
