from odoo import Command
from odoo.tests import tagged

from odoo.addons.crm_stage_automation.tests.common import StageAutomationCase


@tagged("post_install", "-at_install", "crm_stage_gate_automation")
class TestAutomatedMovesIntoGatedStages(StageAutomationCase):
    """An automated move skips a stage an opportunity does not meet, and says
    why in its chatter; the event behind it goes through."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        revenue = cls.env["ir.model.fields"]._get("crm.lead", "expected_revenue")
        cls.stage_proposal.gate_field_ids = [Command.set(revenue.ids)]

    def _notes(self, opportunity):
        opportunity.invalidate_recordset(["message_ids"])
        return opportunity.message_ids.filtered(
            lambda message: "Not moved to" in (message.body or "")
        ).mapped("body")

    def test_an_opportunity_lacking_a_field_stays_and_says_what_it_needs(self):
        meeting = self._plan_meeting()
        self.assertTrue(meeting.exists(), "the meeting goes through")
        self.assertEqual(self.opportunity.stage_id, self.stage_new)
        [note] = self._notes(self.opportunity)
        self.assertIn(
            f"Not moved to Proposal by the automation rule {self.rule_meeting.name}",
            note,
        )
        self.assertIn("it still needs Expected Revenue.", note)

    def test_a_complete_opportunity_moves(self):
        self.opportunity.expected_revenue = 9000
        self._plan_meeting()
        self.assertEqual(self.opportunity.stage_id, self.stage_proposal)
        self.assertFalse(self._notes(self.opportunity))

    def test_each_opportunity_is_judged_on_its_own(self):
        other = self._create_opportunity(name="Fire doors", expected_revenue=4000)
        self.env.cr.flush()
        self._plan_meeting()
        self._plan_meeting(opportunity=other)
        self.assertEqual(
            (self.opportunity.stage_id, other.stage_id),
            (self.stage_new, self.stage_proposal),
        )
        self.assertEqual(
            (len(self._notes(self.opportunity)), len(self._notes(other))), (1, 0)
        )
