import json

from odoo.modules.module import load_script
from odoo.tests import tagged
from odoo.tools.sql import create_index, index_exists

from ..hooks import KEPT_AT_UNINSTALL, post_init_hook
from .common import StaleStageCase

MODULE = "crm_stage_stale"
FIELDS_NOW_ODOOS = {
    "crm.stage": "rotting_threshold_days",
    "crm.lead": "is_rotting",
}


@tagged("post_install", "-at_install", MODULE)
class TestMigrationFrom18(StaleStageCase):
    """On 18.0 the days to stale and the stale mark were this module's fields;
    on 19.0 they are Odoo's rotting, on the same column: an upgrade keeps the
    days, and no uninstallation takes them with the module."""

    def _field_xmlids(self, module):
        return {
            data.name
            for data in self.env["ir.model.data"].search(
                [
                    ("module", "=", module),
                    ("model", "=", "ir.model.fields"),
                    ("res_id", "in", self._fields_now_odoos().ids),
                ]
            )
        }

    def _fields_now_odoos(self):
        Fields = self.env["ir.model.fields"]
        return Fields.browse(
            Fields._get(model, name).id for model, name in FIELDS_NOW_ODOOS.items()
        )

    def test_module_owns_none_of_odoo_rotting_fields(self):
        """Uninstalling it drops only what it owns: not the days' column."""
        self.assertFalse(self._field_xmlids(MODULE))
        self.assertEqual(
            self._field_xmlids("crm"),
            {"field_crm_stage__rotting_threshold_days", "field_crm_lead__is_rotting"},
        )

    def test_upgrade_keeps_the_days_and_hands_the_fields_to_odoo(self):
        self.stage_quote.rotting_threshold_days = 30
        # the state 18.0 left: this module's ids on the fields, its index
        self.env["ir.model.data"].create(
            [
                {
                    "module": MODULE,
                    "name": f"field_{model.replace('.', '_')}__{name}",
                    "model": "ir.model.fields",
                    "res_id": self.env["ir.model.fields"]._get(model, name).id,
                }
                for model, name in FIELDS_NOW_ODOOS.items()
            ]
        )
        create_index(
            self.env.cr,
            "crm_lead_stale_count_index",
            "crm_lead",
            ["stage_id", "date_last_stage_update", "id"],
            where="active AND type = 'opportunity'",
        )
        self.assertEqual(len(self._field_xmlids(MODULE)), 2)
        self.env.flush_all()
        migration = load_script(
            f"{MODULE}/migrations/19.0.1.0.0/pre-migrate.py", "pre_migrate"
        )
        migration.migrate(self.env.cr, "18.0.1.0.0")
        self.env.invalidate_all()
        self.assertFalse(self._field_xmlids(MODULE))
        self.assertEqual(len(self._field_xmlids("crm")), 2)
        self.assertFalse(index_exists(self.env.cr, "crm_lead_stale_count_index"))
        self.assertEqual(
            [
                stage.rotting_threshold_days
                for stage in (self.stage_survey, self.stage_quote, self.stage_empty)
            ],
            [14, 30, 0],
        )

    def test_installation_gives_back_the_days_noted_by_18_uninstallation(self):
        """18.0 noted the days at its uninstallation, as they went away with
        their column: they come back, but where days were set since."""
        self.env["ir.config_parameter"].set_param(
            KEPT_AT_UNINSTALL,
            json.dumps({self.stage_survey.id: 20, self.stage_quote.id: 30}),
        )
        post_init_hook(self.env)
        self.assertEqual(
            [
                stage.rotting_threshold_days
                for stage in (self.stage_survey, self.stage_quote, self.stage_empty)
            ],
            [14, 30, 0],
        )
        self.assertFalse(self.env["ir.config_parameter"].get_param(KEPT_AT_UNINSTALL))
