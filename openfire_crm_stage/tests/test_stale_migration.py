from odoo.modules.migration import load_script
from odoo.tests import tagged
from odoo.tools.misc import file_path

from .common import OpenfireStageCase


@tagged("post_install", "-at_install", "openfire_crm_stage", "stale")
class TestStaleThresholdsMigration(OpenfireStageCase):
    """Upgrading a database installed before gives the shipped stages their days
    to stale, and only them."""

    def test_upgrade_gives_the_shipped_stages_their_days(self):
        stages = self.stage_new | self.stage_estimate | self.stage_visit
        (stages | self.stage_quote | self.stage_manual).rotting_threshold_days = 0
        self.stage_visit.rotting_threshold_days = 5  # set by hand: kept
        migration = load_script(
            file_path("openfire_crm_stage/migrations/18.0.1.1.0/post-migrate.py"),
            "openfire_crm_stage_post_migration",
        )
        migration.migrate(self.env.cr, "18.0.1.0.0")
        self.env.invalidate_all()
        self.assertEqual(
            [
                stage.rotting_threshold_days
                for stage in (*stages, self.stage_quote, self.stage_won)
            ],
            [7, 14, 5, 21, 0],
        )
        self.assertEqual(self.stage_manual.rotting_threshold_days, 0)
