from odoo.tests import tagged, users, warmup

from odoo.addons.crm_stage_gate.tests.common import StageGatePerformanceCase


@tagged("post_install", "-at_install", "crm_stage_gate_sale", "performance")
class TestStageGateQuotePerformances(StageGatePerformanceCase):
    """A quote required adds one query, whatever the number of opportunities."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_quote.gate_quote = "created"
        if "base.automation" in cls.env:
            # quotations here meet requirements: automation rules moving
            # opportunities on quotations would move these ones elsewhere
            cls.env["base.automation"].search([]).active = False

    def _opportunities(self, count):
        leads = super()._opportunities(count)
        self.env(su=True)["sale.order"].create(
            [
                {
                    "partner_id": self.customer.id,
                    "opportunity_id": lead.id,
                    "company_id": self.company_main.id,
                }
                for lead in leads
            ]
        )
        self.env.flush_all()
        self.env.invalidate_all()
        return leads

    @users("user_sales_salesman")
    @warmup
    def test_drag_into_a_stage_requiring_a_quote_adds_three_queries(self):
        # the lock, its fields to fill and its quotes
        self._assert_move_adds(self.stage_quote, 1, 3)

    @users("user_sales_salesman")
    @warmup
    def test_bulk_move_into_a_stage_requiring_a_quote_adds_three_queries(self):
        # for 2 opportunities as for 30
        self._assert_move_adds(self.stage_quote, 2, 3)
        self._assert_move_adds(self.stage_quote, 30, 3)
