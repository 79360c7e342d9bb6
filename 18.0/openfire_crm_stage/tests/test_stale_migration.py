from datetime import timedelta

from odoo.modules.migration import load_script
from odoo.tests import tagged
from odoo.tools import convert_file
from odoo.tools.misc import file_path

from ..hooks import post_init_hook, pre_init_hook, uninstall_hook
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


@tagged("post_install", "-at_install", "openfire_crm_stage", "stale")
class TestShippedStaleThresholds(OpenfireStageCase):
    """The pipeline's stages come with their days to stale, and keep those a
    consultant set when the module is reinstalled."""

    def test_shipped_thresholds_apply(self):
        self.assertEqual(
            [
                stage.rotting_threshold_days
                for stage in (
                    self.stage_new,
                    self.stage_estimate,
                    self.stage_visit,
                    self.stage_quote,
                    self.stage_won,
                )
            ],
            [7, 14, 14, 21, 0],
        )
        now = self.env.cr.now()
        late, recent = self._create_opportunity(
            stage_id=self.stage_new.id
        ) | self._create_opportunity(stage_id=self.stage_new.id)
        late.date_last_stage_update = now - timedelta(days=8)
        recent.date_last_stage_update = now - timedelta(days=6)
        self.assertEqual((late.is_rotting, recent.is_rotting), (True, False))

    def test_reinstallation_keeps_the_days_to_stale_set(self):
        self.stage_estimate.rotting_threshold_days = 3
        uninstall_hook(self.env)
        pre_init_hook(self.env)
        convert_file(
            self.env,
            "openfire_crm_stage",
            "data/crm_stage_data.xml",
            {},
            mode="init",
            noupdate=True,
        )
        post_init_hook(self.env)
        self.assertEqual(self.stage_estimate.rotting_threshold_days, 3)
