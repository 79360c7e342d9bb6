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

    def _migration(self, version):
        path = file_path(f"openfire_crm_stage/migrations/{version}/post-migrate.py")
        spec = importlib.util.spec_from_file_location("post_migrate", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        return migration

    def test_upgrade_from_1_0_brings_the_email_rule_and_follow_up_up_to_date(self):
        rule = self.env.ref("openfire_crm_stage.automation_quote_sent_to_quote")
        rule.filter_pre_domain = False  # as version 18.0.1.0.0 shipped it
        new_in_1_1 = SHIPPED[-2:]
        # no follow-up was planned before 1.1 (the demo data plans some)
        self.env["mail.activity"].search(
            [("activity_type_id", "=", self.env.ref(new_in_1_1[0]).id)]
        ).unlink()
        for xmlid in new_in_1_1:
            self.env.ref(xmlid).unlink()
        self.env.flush_all()
        self._migration("18.0.1.1.0").migrate(self.env.cr, "18.0.1.0.0")
        self.env.invalidate_all()
        self.assertEqual(rule.filter_pre_domain, rule.filter_domain)
        self.assertIn("costing_type", rule.filter_pre_domain)
        for xmlid in new_in_1_1:
            self.assertTrue(self.env.ref(xmlid, raise_if_not_found=False), xmlid)

    def test_upgrade_from_1_1_gives_the_follow_up_its_action_type(self):
        shipped = self.env.ref("openfire_crm_stage.action_quote_sent_follow_up")
        duplicated = shipped.base_automation_id.copy()
        own_code = self.env["ir.actions.server"].create(
            {
                "name": "Consultant's follow-up",
                "model_id": self.env["ir.model"]._get_id("sale.order"),
                "state": "code",
                "code": "records.opportunity_id._schedule_quote_follow_up()\n"
                "records.message_post(body='Follow-up planned')",
            }
        )
        code_of_1_1 = "records.opportunity_id._schedule_quote_follow_up()"
        # 18.0.1.1.0 had no stage lines
        self.env.flush_all()
        self.env.cr.execute("DELETE FROM crm_stage_automation")
        self.env.cr.execute(
            "DELETE FROM ir_model_data WHERE model = 'crm.stage.automation'"
        )
        (shipped + duplicated.action_server_ids).write(
            {"state": "code", "code": code_of_1_1}
        )
        self.env.flush_all()
        self._migration("18.0.1.2.0").migrate(self.env.cr, "18.0.1.1.0")
        self.env.invalidate_all()
        self.assertEqual(
            (shipped + duplicated.action_server_ids).mapped("state"),
            ["crm_quote_follow_up"] * 2,
        )
        self.assertEqual(own_code.state, "code", "a consultant's own code is left be")

    def test_installation_leaves_the_opportunities_probabilities_alone(self):
        """The module's data sets the stages up; it is no edit of a stage."""
        lead = self._create_opportunity(stage_id=self.stage_estimate.id)
        self.env.flush_all()
        # as on a fresh installation: the new column holds its default, 10
        self.env.cr.execute(
            "UPDATE crm_stage SET probability = 10 WHERE id = %s",
            [self.stage_estimate.id],
        )
        self.env.cr.execute(
            "UPDATE crm_lead SET probability = 10 WHERE id = %s", [lead.id]
        )
        self.env.invalidate_all()
        convert_file(
            self.env,
            "openfire_crm_stage",
            "data/crm_stage_data.xml",
            {},
            mode="init",
            noupdate=True,
        )
        self.assertEqual(self.stage_estimate.probability, 30)
        self.assertEqual(lead.probability, 10)

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
