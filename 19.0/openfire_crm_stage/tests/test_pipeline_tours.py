from odoo.tests import tagged

from .common import TourCase


@tagged("post_install", "-at_install", "openfire_crm_stage", "pipeline_ui")
class TestPipelineTours(TourCase):
    """A sales administrator works the pipeline in Chromium, in English and in
    French (static/tests/tours/pipeline_tours.js)."""

    tour_login = "openfire_manager"
    tour_user_name = "Claire Manager"
    tour_groups = "sales_team.group_sale_manager"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_negotiation = cls.env["crm.stage"].create(
            {
                "name": "Negotiation",
                "sequence": 5,
                "probability": 60,
                "on_change": False,
            }
        )
        leads = cls.env["crm.lead"].create(
            [
                {
                    "name": name,
                    "type": "opportunity",
                    "team_id": cls.team.id,
                    "stage_id": stage.id,
                }
                for name, stage in (
                    ("School fire alarm", cls.stage_new),
                    ("Warehouse sprinklers", cls.stage_estimate),
                    ("Town hall extinguishers", cls.stage_visit),
                    ("Hotel smoke detectors", cls.stage_quote),
                )
            ]
        )
        cls.leads = {lead.name: lead for lead in leads}

    def _start_tour(self, name, lang, url="/odoo/action-crm.crm_lead_action_pipeline"):
        user = self.users[lang]
        self.env["crm.lead"].with_context(active_test=False).search(
            [("team_id", "=", self.team.id)]
        ).user_id = user
        self.start_tour(url, f"openfire_crm_stage_{name}_{lang[:2]}", login=user.login)

    def _assert_drag(self):
        lead = self.leads["School fire alarm"]
        self.assertEqual(lead.stage_id, self.stage_negotiation)
        self.assertEqual(lead.probability, 30)

    def test_drag_en(self):
        self._start_tour("drag", "en_US")
        self._assert_drag()

    def _assert_column(self, lang, renamed, new_column):
        self.assertEqual(self.stage_estimate.with_context(lang=lang).name, renamed)
        self.assertEqual(self.stage_estimate.probability, 35)
        self.assertEqual(self.stage_estimate.team_ids, self.team)
        self.assertEqual(self.leads["Warehouse sprinklers"].probability, 35)
        added = (
            self.env["crm.stage"]
            .with_context(lang=lang)
            .search([("name", "=", new_column)])
        )
        self.assertEqual((added.probability, added.on_change), (60, True))
        self.assertEqual(self.leads["Hotel smoke detectors"].stage_id, added)

    def test_column_en(self):
        self._start_tour("column", "en_US")
        self._assert_column("en_US", "Free Estimate", "Financing")

    def test_column_fr(self):
        self._start_tour("column", "fr_FR")
        self._assert_column("fr_FR", "Estimation gratuite", "Financement")

    def test_fold_en(self):
        self._start_tour("fold", "en_US")
        self.assertTrue(self.stage_visit.fold)
