from odoo import Command
from odoo.tests import tagged

from odoo.addons.crm_stage_automation.tests.common import StageLineCase


@tagged("post_install", "-at_install", "crm_stage_automation_sale")
class TestQuoteEvents(StageLineCase):
    """A sales manager moves opportunities as their quotations are created,
    sent and confirmed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product = cls.env["product.product"].create(
            {"name": "Smoke detector", "list_price": 90}
        )

    def _new_order(self, opportunity=None):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "opportunity_id": (opportunity or self.opportunity).id,
                "user_id": self.user_sales_salesman.id,
                "order_line": [Command.create({"product_id": self.product.id})],
            }
        )
        self._flush()
        return order

    def test_a_quote_created_moves_its_opportunity(self):
        self._add_line(self.stage_survey, event="quote_created")
        order = self._new_order()
        self.assertEqual(self.opportunity.stage_id, self.stage_survey)
        self.assertIn(order.name, self._last_explanation(self.opportunity))

    def test_a_quotation_without_opportunity_moves_nothing(self):
        self._add_line(self.stage_survey, event="quote_created")
        order = self.env["sale.order"].create({"partner_id": self.customer.id})
        self._flush()
        self.assertTrue(order.exists())
        self.assertEqual(self.opportunity.stage_id, self.stage_new)

    def test_a_quote_sent_by_email_moves_its_opportunity(self):
        self._add_line(self.stage_proposal, event="quote_sent")
        order = self._new_order()
        self.assertEqual(self.opportunity.stage_id, self.stage_new)
        order.with_context(mark_so_as_sent=True).message_post(
            body="Your quote", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self._flush()
        self.assertEqual(order.state, "sent")
        self.assertEqual(self.opportunity.stage_id, self.stage_proposal)

    def test_a_manager_moves_opportunities_to_won_when_a_quote_is_confirmed(self):
        line = self._add_line(self.stage_won, event="quote_confirmed")
        self.assertEqual(line.rule_id.sudo().trigger, "on_state_set")
        order = self._new_order()
        order.with_user(self.user_sales_salesman).action_confirm()
        self._flush()
        self.assertEqual(self.opportunity.stage_id, self.stage_won)
        (explanation,) = self._explanations(self.opportunity)
        self.assertIn("A quote is confirmed", explanation.body)
