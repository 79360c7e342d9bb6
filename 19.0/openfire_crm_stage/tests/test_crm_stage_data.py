from odoo.tests import tagged
from odoo.tools import convert_file

from ..hooks import post_init_hook
from .common import OpenfireStageCase


@tagged("post_install", "-at_install", "openfire_crm_stage", "stage_data")
class TestCrmStageData(OpenfireStageCase):
    def _pipeline(self):
        return self.env["crm.stage"].search(
            [("team_ids", "=", False), ("id", "!=", self.stage_manual.id)]
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
