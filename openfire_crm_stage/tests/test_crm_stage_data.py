import importlib.util

from odoo.tests import tagged
from odoo.tools import convert_file
from odoo.tools.misc import file_path

from ..hooks import post_init_hook
from .common import OpenfireStageCase

SHIPPED = (
    "crm.stage_lead1",
    "crm.stage_lead2",
    "openfire_crm_stage.stage_technical_visit",
    "crm.stage_lead3",
    "crm.stage_lead4",
    "openfire_crm_stage.mail_activity_type_technical_visit",
    "openfire_crm_stage.automation_estimate_to_estimation",
    "openfire_crm_stage.automation_visit_to_technical_visit",
    "openfire_crm_stage.automation_quote_to_quote",
    "openfire_crm_stage.automation_quote_sent_to_quote",
    "openfire_crm_stage.mail_activity_type_quote_follow_up",
    "openfire_crm_stage.automation_quote_sent_follow_up",
    "openfire_crm_stage.ir_cron_stage_duration_refresh",
)
DATA_FILES = (
    "data/crm_stage_data.xml",
    "data/mail_activity_type_data.xml",
    "data/base_automation_data.xml",
    "data/quote_follow_up_data.xml",
    "data/ir_cron_data.xml",
)


@tagged("post_install", "-at_install", "openfire_crm_stage", "stage_data")
class TestCrmStageData(OpenfireStageCase):
    def _pipeline(self):
        return self.env["crm.stage"].search(
            [("team_id", "=", False), ("id", "!=", self.stage_manual.id)]
        )

    def test_default_pipeline_has_five_stages_in_order(self):
        self.assertEqual(
            [
                (stage.name, stage.probability, stage.on_change, stage.is_won)
                for stage in self._pipeline()
            ],
            [
                ("New", 10, True, False),
                ("Estimate", 30, True, False),
                ("Technical Visit", 50, True, False),
                ("Quote", 80, True, False),
                ("Won", 100, True, True),
            ],
        )

    def test_odoo_stage_xmlids_are_reused(self):
        self.assertEqual(
            self.env.ref("crm.stage_lead1")
            + self.env.ref("crm.stage_lead2")
            + self.stage_visit
            + self.env.ref("crm.stage_lead3")
            + self.env.ref("crm.stage_lead4"),
            self._pipeline(),
        )
        leftovers = self.env["crm.stage"].search(
            [("name", "in", ["Qualified", "Proposition"])]
        )
        self.assertFalse(leftovers, "no English default stage is left over")

    def test_pipeline_reads_in_french(self):
        self._ensure_french()
        french = self._pipeline().with_context(lang="fr_FR")
        self.assertEqual(
            french.mapped("name"),
            ["Nouveau", "Estimation", "Visite Technique", "Devis", "Gagné"],
        )

    def test_french_names_replace_odoo_ones_when_french_is_added_later(self):
        self._ensure_french()
        self.env.cr.execute(
            "UPDATE crm_stage SET name = name - 'fr_FR' WHERE id IN %s",
            [tuple(self._pipeline().ids)],
        )
        self.env.invalidate_all()
        self.env["ir.module.module"]._load_module_terms(
            ["crm", "openfire_crm_stage"], ["fr_FR"]
        )
        self.assertEqual(
            self._pipeline().with_context(lang="fr_FR").mapped("name"),
            ["Nouveau", "Estimation", "Visite Technique", "Devis", "Gagné"],
        )

    def _upgrade(self):
        """Load the module's data as ``odoo -u openfire_crm_stage`` does."""
        for data_file in DATA_FILES:
            convert_file(
                self.env,
                "openfire_crm_stage",
                data_file,
                {},
                mode="update",
                noupdate=True,
            )
        self.env.invalidate_all()

    def test_upgrade_brings_back_nothing_a_consultant_deleted(self):
        records = [self.env.ref(xmlid) for xmlid in SHIPPED]
        stages = self._pipeline()
        names = stages.mapped("name")
        # the stages are emptied first, as the deletion guard asks
        self.env["crm.lead"].with_context(active_test=False).search(
            [("stage_id", "in", stages.ids)]
        ).write({"stage_id": self.stage_manual.id})
        activity_types = [r for r in records if r._name == "mail.activity.type"]
        self.env["mail.activity"].search(
            [("activity_type_id", "in", [t.id for t in activity_types])]
        ).unlink()
        for record in records:
            record.unlink()
        self._upgrade()
        for xmlid in SHIPPED:
            self.assertFalse(self.env.ref(xmlid, raise_if_not_found=False), xmlid)
        self.assertFalse(self.env["crm.stage"].search([("name", "in", names)]))
        self.assertFalse(
            self.env["base.automation"].search(
                [("action_server_ids.state", "=", "crm_stage")]
            )
        )

    def test_upgrade_from_1_0_brings_the_email_rule_and_follow_up_up_to_date(self):
        rule = self.env.ref("openfire_crm_stage.automation_quote_sent_to_quote")
        rule.filter_pre_domain = False  # as version 18.0.1.0.0 shipped it
        self.env.flush_all()
        path = file_path("openfire_crm_stage/migrations/18.0.1.1.0/post-migrate.py")
        spec = importlib.util.spec_from_file_location("post_migrate", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        for xmlid in SHIPPED[-3:]:  # new in 18.0.1.1.0
            self.env.ref(xmlid).unlink()
        migration.migrate(self.env.cr, "18.0.1.0.0")
        self.env.invalidate_all()
        self.assertEqual(rule.filter_pre_domain, rule.filter_domain)
        self.assertIn("costing_type", rule.filter_pre_domain)
        for xmlid in SHIPPED[-3:]:
            self.assertTrue(self.env.ref(xmlid, raise_if_not_found=False), xmlid)

    def test_upgrade_keeps_what_a_consultant_changed(self):
        self.stage_quote.write(
            {
                "name": "Quote sent",
                "probability": 70,
                "fold": True,
                "team_id": self.sales_team_1.id,
            }
        )
        self._upgrade()
        self.assertEqual(self.stage_quote.name, "Quote sent")
        self.assertEqual(self.stage_quote.probability, 70)
        self.assertTrue(self.stage_quote.fold)
        self.assertEqual(self.stage_quote.team_id, self.sales_team_1)

    def test_install_on_a_french_database_renames_odoo_stages_in_french(self):
        self._ensure_french()
        pipeline = self._pipeline().with_context(lang="fr_FR")
        # what Odoo's own translations say before the module's are loaded
        pipeline[1].name = "Qualifié"
        pipeline[3].name = "Proposition"
        post_init_hook(self.env)
        self.env.invalidate_all()
        self.assertEqual(
            pipeline.mapped("name"),
            ["Nouveau", "Estimation", "Visite Technique", "Devis", "Gagné"],
        )
