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
        stages = cls.env["crm.stage"].create(
            [
                {
                    "name": "Negotiation",
                    "sequence": 5,
                    "probability": 60,
                    "on_change": False,
                },
                {"name": "Follow-up", "sequence": 6},
                {"name": "Legacy Stage", "sequence": 7},
            ]
        )
        cls.stage_negotiation, cls.stage_follow_up, cls.stage_legacy = stages
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
                    ("Car park sprinklers", cls.stage_follow_up),
                    ("Old car park", cls.stage_follow_up),
                    ("Former customer", cls.stage_legacy),
                )
            ]
        )
        cls.leads = {lead.name: lead for lead in leads}
        (cls.leads["Old car park"] | cls.leads["Former customer"]).action_set_lost()

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
        self.assertEqual(self.stage_estimate.team_id, self.team)
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

    def _assert_deleted(self):
        self.assertFalse(self.stage_follow_up.exists())
        self.assertTrue(
            self.stage_legacy.exists(), "a stage holding a lost opportunity stays"
        )
        moved = self.leads["Car park sprinklers"] | self.leads["Old car park"]
        self.assertEqual(moved.stage_id, self.stage_quote)
        self.assertFalse(
            self.leads["Old car park"].active, "a lost opportunity stays lost"
        )

    def test_delete_en(self):
        self._start_tour("delete", "en_US")
        self._assert_deleted()

    def test_delete_fr(self):
        self._start_tour("delete", "fr_FR")
        self._assert_deleted()

    def _assert_deleted_from_list(self):
        self.assertFalse((self.stage_legacy | self.stage_follow_up).exists())
        self.assertEqual(self.leads["Former customer"].stage_id, self.stage_new)
        self.assertEqual(self.leads["Car park sprinklers"].stage_id, self.stage_quote)

    def test_stage_list_en(self):
        self._start_tour("stage_list", "en_US", url="/odoo/action-crm.crm_stage_action")
        self._assert_deleted_from_list()
