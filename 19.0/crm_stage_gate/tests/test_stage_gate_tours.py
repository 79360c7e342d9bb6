from odoo.tests import new_test_user, tagged

from .common import StageGateTourCase, lead_fields


@tagged("post_install", "-at_install", "crm_stage_gate")
class TestStageGateTours(StageGateTourCase):
    """A sales rep drags an opportunity into a stage it does not meet, is told
    what is missing, fills it in and drags again, in English and in French
    (static/tests/tours/stage_gate_tours.js)."""

    tour_login = "gate_rep"
    tour_user_name = "Rémi Rep"
    tour_groups = "sales_team.group_sale_salesman"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_quote.gate_field_ids = lead_fields(cls.env, "expected_revenue")
        cls.opportunity = cls.env["crm.lead"].create(
            {
                "name": "School fire alarm",
                "type": "opportunity",
                "team_id": cls.team.id,
                "stage_id": cls.stage_new.id,
            }
        )

    def _drag_tour(self, lang):
        user = self.users[lang]
        self.opportunity.user_id = user
        self.start_tour(
            "/odoo/action-crm.crm_lead_action_pipeline",
            f"crm_stage_gate_drag_{lang[:2]}",
            login=user.login,
        )
        self.assertEqual(self.opportunity.stage_id, self.stage_quote)
        self.assertEqual(self.opportunity.expected_revenue, 12000)

    def test_drag_into_a_gated_stage_en(self):
        self._drag_tour("en_US")

    def test_drag_into_a_gated_stage_fr(self):
        self._drag_tour("fr_FR")

    def test_sales_administrator_sets_requirements_in_the_column_dialog_en(self):
        manager = new_test_user(
            self.env,
            login="gate_manager",
            name="Claire Manager",
            groups="sales_team.group_sale_manager",
        )
        self.team.member_ids |= manager
        self.opportunity.user_id = manager
        self.start_tour(
            "/odoo/action-crm.crm_lead_action_pipeline",
            "crm_stage_gate_requirements_en",
            login=manager.login,
        )
        self.assertEqual(
            self.stage_new.gate_field_ids.mapped("name"), ["expected_revenue"]
        )
