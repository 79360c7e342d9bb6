from odoo.tests import tagged
from odoo.tools.sql import index_exists

from ..hooks import (
    FORMER_MODULE,
    KEPT_AT_UNINSTALL,
    post_init_hook,
    pre_init_hook,
    uninstall_hook,
)
from ..models.crm_lead_stale import STALE_INDEX
from .common import StaleStageCase


@tagged("post_install", "-at_install", "crm_stage_stale")
class TestStaleReinstallation(StaleStageCase):
    """Uninstalling leaves no index behind; reinstalling gives the stages back
    their days to stale; a database of the former module keeps its records."""

    def test_reinstallation_gives_back_the_days_to_stale(self):
        self.stage_quote.rotting_threshold_days = 30
        self.assertTrue(index_exists(self.env.cr, STALE_INDEX))
        uninstall_hook(self.env)
        self.assertFalse(index_exists(self.env.cr, STALE_INDEX))
        # the column goes away with the module
        self.env["crm.stage"].with_context(active_test=False).search(
            []
        ).rotting_threshold_days = 0
        post_init_hook(self.env)
        self.assertEqual(
            [
                stage.rotting_threshold_days
                for stage in (self.stage_survey, self.stage_quote, self.stage_empty)
            ],
            [14, 30, 0],
        )
        self.assertFalse(
            self.env["ir.config_parameter"].sudo().get_param(KEPT_AT_UNINSTALL)
        )

    def test_installation_adopts_the_former_module_records(self):
        """Every record of this module was the former module's: all come back
        (but the models' own ids, which every module extending a model has)."""
        own = self._own_records()
        self.assertTrue(own)
        self.env.cr.execute(
            "UPDATE ir_model_data SET module = %s"
            " WHERE module = 'crm_stage_stale' AND model != 'ir.model'",
            [FORMER_MODULE],
        )
        self.env.registry.clear_cache()
        self.assertFalse(self._own_records())
        pre_init_hook(self.env)
        self.assertEqual(self._own_records(), own)

    def _own_records(self):
        self.env.invalidate_all()
        return {
            (data.name, data.model, data.res_id)
            for data in self.env["ir.model.data"].search(
                [("module", "=", "crm_stage_stale"), ("model", "!=", "ir.model")]
            )
        }
