from datetime import timedelta

from odoo.tests import tagged

from .common import TourCase


@tagged("post_install", "-at_install", "crm_stage_stale")
class TestPipelineStaleTours(TourCase):
    """A sales rep sees the rotting cards counted by the server and the weighted
    totals in the pipeline, and clears the marks by moving a card or planning an
    activity, in English and in French (static/tests/tours/pipeline_stale_tours.js)."""

    tour_login = "stale_rep"
    tour_user_name = "Rémi Rep"
    tour_groups = "sales_team.group_sale_salesman"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_survey, cls.stage_offer, cls.stage_tender = cls.env[
            "crm.stage"
        ].create(
            [
                {"name": name, "sequence": sequence, "rotting_threshold_days": 7}
                for sequence, name in enumerate(("Site Survey", "Offer", "Tender"))
            ]
        )
        for stage, french in (
            (cls.stage_survey, "Relevé sur site"),
            (cls.stage_offer, "Offre"),
            (cls.stage_tender, "Consultation"),
        ):
            stage.update_field_translations("name", {"fr_FR": french})
        opportunities = [
            ("School fire alarm", cls.stage_survey, 20000, 12),
            ("Hotel smoke detectors", cls.stage_survey, 5000, 1),
            ("Warehouse sprinklers", cls.stage_offer, 10000, 20),
            # more than a column loads at once (80)
            *(
                (f"Tender lot {index:02}", cls.stage_tender, 1000, 12)
                for index in range(1, 86)
            ),
        ]
        cls.leads = cls.env["crm.lead"].create(
            [
                {
                    "name": name,
                    "type": "opportunity",
                    "team_id": cls.team.id,
                    "stage_id": stage.id,
                    "expected_revenue": revenue,
                    "probability": 30,
                }
                for name, stage, revenue, _days in opportunities
            ]
        )
        now = cls.env.cr.now()
        for lead, (*_values, days) in zip(cls.leads, opportunities, strict=True):
            lead.date_last_stage_update = now - timedelta(days=days)

    def _start_tour(self, lang):
        user = self.users[lang]
        self.leads.user_id = user
        self.start_tour(
            "/odoo/action-crm.crm_lead_action_pipeline",
            f"crm_stage_stale_{lang[:2]}",
            login=user.login,
        )

    def _assert_marks_cleared(self):
        [school] = self.leads.filtered(lambda lead: lead.name == "School fire alarm")
        [sprinklers] = self.leads.filtered(
            lambda lead: lead.name == "Warehouse sprinklers"
        )
        self.assertEqual(school.stage_id, self.stage_offer)
        self.assertTrue(sprinklers.activity_ids)
        self.assertFalse((school | sprinklers).filtered("is_rotting"))

    def test_stale_en(self):
        self._start_tour("en_US")
        self._assert_marks_cleared()

    def test_stale_fr(self):
        self._start_tour("fr_FR")
        self._assert_marks_cleared()
