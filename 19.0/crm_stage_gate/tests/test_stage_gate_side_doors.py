from odoo.exceptions import RedirectWarning, UserError
from odoo.tests import tagged

from .common import StageGateCase

REFUSED = (RedirectWarning, UserError)


@tagged("post_install", "-at_install", "crm_stage_gate")
class TestStageGateSideDoors(StageGateCase):
    """An open opportunity is in a stage with requirements only if it met them
    when it got there, whatever the way."""

    def _refused(self, operation):
        with self.assertRaises(Exception) as refusal:
            operation()
        self.assertIsInstance(refusal.exception, REFUSED)

    def test_stage_and_type_lead_together_then_converted_back(self):
        rep = self._as_salesman(self.opportunity)
        rep.write({"stage_id": self.stage_quote.id, "type": "lead"})
        self._refused(lambda: rep.convert_opportunity(self.customer))
        self._refused(lambda: rep.write({"type": "opportunity"}))
        self._complete(self.opportunity)
        rep.convert_opportunity(self.customer)
        self.assertEqual(self.opportunity.type, "opportunity")

    def test_stage_changed_while_archiving_then_unarchived(self):
        rep = self._as_salesman(self.opportunity)
        rep.write({"stage_id": self.stage_quote.id, "active": False})
        self._refused(rep.action_unarchive)
        self.assertFalse(self.opportunity.active)

    def test_marked_lost_moved_into_the_stage_then_restored(self):
        rep = self._as_salesman(self.opportunity)
        rep.action_set_lost()
        rep.stage_id = self.stage_quote
        self._refused(rep.action_restore)
        self._complete(self.opportunity)
        rep.action_restore()
        self.assertTrue(self.opportunity.active)

    def test_lost_moved_into_a_won_stage_is_reopened_there_so_checked(self):
        # Odoo reopens an opportunity entering a won stage: it enters that stage
        self.stage_won.gate_field_ids = self._lead_fields("expected_revenue")
        rep = self._as_salesman(self.opportunity)
        rep.action_set_lost()
        self._refused(lambda: setattr(rep, "stage_id", self.stage_won))
        self.opportunity.invalidate_recordset()
        self.assertFalse(self.opportunity.active)
        self._complete(self.opportunity)
        rep.stage_id = self.stage_won
        self.assertTrue(self.opportunity.active)

    def test_created_archived_or_as_a_lead_in_the_stage_then_restored(self):
        archived = self._create_opportunity(stage_id=self.stage_quote.id, active=False)
        self._refused(self._as_salesman(archived).action_unarchive)
        lead = self._create_opportunity(stage_id=self.stage_quote.id, type="lead")
        self._refused(
            lambda: self._as_salesman(lead).convert_opportunity(self.customer)
        )

    def test_created_without_a_stage_in_a_gated_first_stage(self):
        first_stage = self.env["crm.lead"]._stage_find(team_id=self.sales_team_1.id)
        first_stage.gate_field_ids = self._lead_fields("expected_revenue")
        with self.assertRaisesRegex(UserError, "cannot be created in the stage"):
            self._create_opportunity()
        lead = self._create_opportunity(expected_revenue=500)
        self.assertEqual(lead.stage_id, first_stage)

    def test_past_the_gated_stage_then_back(self):
        rep = self._as_salesman(self.opportunity)
        rep.stage_id = self.stage_won
        self._refused(lambda: setattr(rep, "stage_id", self.stage_quote))
        self.assertEqual(self.opportunity.stage_id, self.stage_won)

    def test_mark_as_won_from_a_stage_placed_after_won(self):
        installed = self.env["crm.stage"].create(
            {"name": "Installed", "sequence": self.stage_won.sequence + 1}
        )
        self.stage_won.gate_field_ids = self._lead_fields("expected_revenue")
        self.opportunity.stage_id = installed
        self._refused(self._as_salesman(self.opportunity).action_set_won)
        self.assertEqual(self.opportunity.stage_id, installed)

    def test_blank_values_are_not_filled_values(self):
        self.stage_quote.gate_field_ids = self._lead_fields("function", "description")
        rep = self._as_salesman(self.opportunity)
        blanks = [
            {"function": " \t", "description": "<p>Survey done</p>"},
            {"function": "\u00a0", "description": "<p>Survey done</p>"},
            {"function": "\u200b", "description": "<p>Survey done</p>"},
            {"function": "Buyer", "description": "<p>&nbsp;</p>"},
            {"function": "Buyer", "description": "<p>\u200b</p>"},
            {"function": "Buyer", "description": "<p><br></p>"},
        ]
        for values in blanks:
            with self.subTest(values=values):
                rep.write(values)
                self._refused(lambda: setattr(rep, "stage_id", self.stage_quote))
        rep.write({"function": "Buyer", "description": "<p>Survey done</p>"})
        rep.stage_id = self.stage_quote
        self.assertEqual(self.opportunity.stage_id, self.stage_quote)

    def test_an_image_fills_an_html_field(self):
        self.stage_quote.gate_field_ids = self._lead_fields("description")
        rep = self._as_salesman(self.opportunity)
        rep.write({"description": '<p><img src="/web/image/1"></p>'})
        rep.stage_id = self.stage_quote
        self.assertEqual(self.opportunity.stage_id, self.stage_quote)
