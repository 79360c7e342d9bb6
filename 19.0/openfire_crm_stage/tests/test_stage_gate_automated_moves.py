from odoo import Command
from odoo.tests import tagged

from .test_stage_gate_technical_visit import OpenfireGateCase


@tagged("post_install", "-at_install", "openfire_crm_stage", "stage_gates")
class TestStageGateAutomatedMoves(OpenfireGateCase):
    """Automated moves skip a stage an opportunity does not meet and say why;
    the move-and-delete wizard, a clean-up, moves into it freely."""

    def test_move_and_delete_wizard_moves_into_a_gated_stage(self):
        legacy = self.env["crm.stage"].create({"name": "Legacy", "sequence": 0})
        self.opportunity.stage_id = legacy
        wizard = (
            self.env["crm.stage.delete"]
            .with_user(self.user_sales_manager)
            .create(
                {
                    "stage_ids": [Command.set(legacy.ids)],
                    "target_stage_id": self.stage_quote.id,
                }
            )
        )
        wizard.action_move_and_delete()
        self.assertFalse(legacy.exists())
        self.assertEqual(self.opportunity.stage_id, self.stage_quote)

    def _new_quote(self, opportunity):
        order = (
            self.env["sale.order"]
            .with_env(self.salesman_env)
            .create(
                {
                    "partner_id": self.customer.id,
                    "opportunity_id": opportunity.id,
                    "costing_type": "quote",
                }
            )
        )
        self.env.flush_all()
        return order

    def _notes(self, opportunity):
        opportunity.invalidate_recordset(["message_ids"])
        return opportunity.message_ids.filtered(
            lambda message: "Not moved to" in (message.body or "")
        )

    def test_automated_move_skips_the_stage_and_says_what_is_missing(self):
        order = self._new_quote(self.opportunity)
        self.assertTrue(order.exists(), "the quote goes through")
        self.assertEqual(self.opportunity.stage_id, self.stage_new)
        [note] = self._notes(self.opportunity).mapped("body")
        self.assertIn(
            "Not moved to Quote by the automation rule Quote issued: opportunity to "
            "Quote, triggered by",
            note,
        )
        self.assertIn(order.name, note)
        self.assertIn("it still needs Expected Closing and Expected Revenue.", note)

    def test_automated_move_of_a_complete_opportunity_goes_on(self):
        self._complete(self.opportunity)
        self._new_quote(self.opportunity)
        self.assertEqual(self.opportunity.stage_id, self.stage_quote)
        self.assertFalse(self._notes(self.opportunity))

    def test_quotes_created_together_move_only_the_complete_opportunity(self):
        self._complete(self.opportunity)
        other = self._create_opportunity(name="Hotel")
        self.env["sale.order"].with_env(self.salesman_env).create(
            [
                {"partner_id": self.customer.id, "opportunity_id": lead.id}
                for lead in (self.opportunity, other)
            ]
        )
        self.env.flush_all()
        self.assertEqual(self.opportunity.stage_id, self.stage_quote)
        self.assertEqual(other.stage_id, self.stage_new)
        self.assertFalse(self._notes(self.opportunity))
        self.assertEqual(len(self._notes(other)), 1)
