from . import models


def post_init_hook(env):
    """Lines with quote events, noted when crm_stage_automation was uninstalled,
    come back now that their events are known again."""
    env["crm.stage.automation"]._restore_kept_at_uninstall()
