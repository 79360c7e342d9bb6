from odoo.tests import tagged

from odoo.addons.crm_stage_automation.tests.common import StageAutomationCase


@tagged("post_install", "-at_install", "crm_stage_automation_sale", "performance")
class TestQuoteEventPerformances(StageAutomationCase):
    """What a stage line moving opportunities costs each quotation."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.line = cls.env["crm.stage.automation"].create(
            {"stage_id": cls.stage_proposal.id, "event": "quote_created"}
        )

    def _queries_of(self, operation):
        """The queries ``operation`` costs from cold caches, flushed as the end
        of a request does."""
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        operation()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def _opportunities(self, count):
        return self.env["crm.lead"].create(
            [
                {
                    "name": f"Site {index}",
                    "type": "opportunity",
                    "stage_id": self.stage_new.id,
                    "team_id": self.sales_team_1.id,
                    "company_id": self.company_main.id,
                }
                for index in range(count)
            ]
        )

    def _create_quotes(self, leads):
        self.env["sale.order"].create(
            [
                {
                    "partner_id": self.customer.id,
                    "opportunity_id": lead.id,
                    "company_id": self.company_main.id,
                }
                for lead in leads
            ]
        )

    def _send_quotes(self, leads):
        for order in leads.order_ids:
            order.with_context(mark_so_as_sent=True).message_post(
                body="Your quote",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )

    def _stage_write_cost(self):
        """What writing one opportunity's stage costs in this database, with the
        share of every addon installed (Odoo's own grows from 18.0 to 19.0)."""
        for _warm_up in range(2):
            lead = self._opportunities(1)
            cost = self._queries_of(
                lambda lead=lead: lead.write({"stage_id": self.stage_proposal.id})
            )
        return cost

    def _extra_queries_per_event(self, rule, event, count):
        """Queries that ``rule`` adds to ``event`` on ``count`` opportunities."""
        counts = {}
        for active in (True, False):
            rule.active = active
            leads = self._opportunities(count)
            if event == self._send_quotes:
                self._create_quotes(leads)
            counts[active] = self._queries_of(lambda leads=leads: event(leads))
        return counts[True] - counts[False]

    def test_quotes_moving_their_opportunities_cost_a_fixed_number_each(self):
        rule = self.line.rule_id
        self._extra_queries_per_event(rule, self._create_quotes, 1)  # warm-up
        one = self._extra_queries_per_event(rule, self._create_quotes, 1)
        twenty = self._extra_queries_per_event(rule, self._create_quotes, 20)
        # the rule's look-up once, then for each move the stage write and the
        # move's own look-up of the stage and its explanation (a note of its
        # own beside the stage tracking)
        move = self._stage_write_cost()
        self.assertLessEqual(one, move + 16)
        self.assertLessEqual(twenty, one + 19 * (move + 3))

    def test_quotes_sent_cost_a_fixed_number_each(self):
        self.line.rule_id.active = False
        rule = (
            self.env["crm.stage.automation"]
            .create({"stage_id": self.stage_proposal.id, "event": "quote_sent"})
            .rule_id
        )
        self._extra_queries_per_event(rule, self._send_quotes, 1)  # warm-up
        one = self._extra_queries_per_event(rule, self._send_quotes, 1)
        twenty = self._extra_queries_per_event(rule, self._send_quotes, 20)
        # as a quote created, and for each email base_automation's look-up of
        # its rules, and the opportunity behind it read
        move = self._stage_write_cost()
        self.assertLessEqual(one, move + 16)
        self.assertLessEqual(twenty, one + 19 * (move + 5))

    def test_a_rule_made_from_the_stage_costs_what_a_hand_made_rule_costs(self):
        line_rule = self.line.rule_id
        hand_made = line_rule.copy({"name": "Quotation: to Proposal"})
        line_rule.active = False
        # warmed on as many quotes as measured: what a first run of 5 fills once
        # would otherwise land in one measurement only
        self._extra_queries_per_event(hand_made, self._create_quotes, 5)
        hand_made_cost = self._extra_queries_per_event(
            hand_made, self._create_quotes, 5
        )
        hand_made.active = False
        self._extra_queries_per_event(line_rule, self._create_quotes, 5)
        line_cost = self._extra_queries_per_event(line_rule, self._create_quotes, 5)
        self.assertEqual(line_cost, hand_made_cost)
