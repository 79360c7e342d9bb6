from odoo.exceptions import RedirectWarning
from odoo.tests import tagged, users, warmup

from .common import OpenfireStageCase


@tagged("post_install", "-at_install", "openfire_crm_stage", "performance")
class TestPerformances(OpenfireStageCase):
    """Query counts of the module's operations do not grow with the leads."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_small, cls.stage_large = cls.env["crm.stage"].create(
            [
                {"name": name, "probability": 20, "on_change": True}
                for name in ("Small", "Large")
            ]
        )
        for stage, count in ((cls.stage_small, 2), (cls.stage_large, 60)):
            cls.env["crm.lead"].create(
                [
                    {
                        "name": f"{stage.name} {index}",
                        "type": "opportunity",
                        "stage_id": stage.id,
                        "expected_revenue": 1000,
                        "active": bool(index % 2),
                    }
                    for index in range(count)
                ]
            )

    def _assert_same_queries(self, operation):
        """``operation`` costs the same queries on a stage with 2 and with 60 leads
        (as a sales administrator, once to warm the caches, once counted)."""
        counts = [
            self._queries_of(lambda stage=stage: operation(stage.with_env(self.env)))
            for stage in (self.stage_small, self.stage_large)
        ]
        if self.warm:
            self.assertEqual(counts[0], counts[1])

    @users("user_sales_manager")
    @warmup
    def test_refused_deletion_costs_the_same_for_2_or_60_leads(self):
        def delete(stage):
            with self.assertRaises(RedirectWarning):
                stage.unlink()

        # the savepoint of assertRaises and its rollback, unlink's own checks, one
        # count of the leads, and the look-up of the automation leading in
        self._assert_same_queries(delete)

    @users("user_sales_manager")
    @warmup
    def test_stage_probability_edit_is_a_fixed_handful_of_queries(self):
        def edit(stage):
            stage.probability += 5

        self._assert_same_queries(edit)
        leads = self.env["crm.lead"].search([("stage_id", "=", self.stage_large.id)])
        self.assertEqual(set(leads.mapped("probability")), {25})

    @users("user_sales_manager")
    @warmup
    def test_bulk_stage_move_is_a_fixed_handful_of_queries(self):
        target = self.stage_quote

        def move(stage):
            leads = stage.env["crm.lead"].search([("stage_id", "=", stage.id)])
            # mail tracking writes one message per lead, in vanilla Odoo as well
            leads.with_context(tracking_disable=True).write({"stage_id": target.id})

        self._assert_same_queries(move)
        self.assertFalse(
            self.env["crm.lead"].search_count([("stage_id", "=", self.stage_large.id)])
        )

    def _opportunities(self, count, stage):
        return self.env["crm.lead"].create(
            [
                {
                    "name": f"Site {index}",
                    "type": "opportunity",
                    "stage_id": stage.id,
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

    def _extra_queries_per_event(self, rule, event, count, stage=None):
        """Queries that ``rule`` adds to ``event`` on ``count`` opportunities."""
        counts = {}
        for active in (True, False):
            rule.active = active
            leads = self._opportunities(count, stage or self.stage_new)
            if event == self._send_quotes:
                self._create_quotes(leads)
            counts[active] = self._queries_of(lambda leads=leads: event(leads))
        return counts[True] - counts[False]

    def test_quotes_moving_their_opportunities_cost_a_fixed_number_each(self):
        rule = self.env.ref("openfire_crm_stage.automation_quote_to_quote")
        self._extra_queries_per_event(rule, self._create_quotes, 1)  # warm-up
        one = self._extra_queries_per_event(rule, self._create_quotes, 1)
        twenty = self._extra_queries_per_event(rule, self._create_quotes, 20)
        # the rule's look-up and each move's read, write and explanation
        self.assertLessEqual(one, 14)
        self.assertLessEqual(twenty, 20 * 4 + one)

    def test_quotes_sent_cost_a_fixed_number_each(self):
        rule = self.env.ref("openfire_crm_stage.automation_quote_sent_to_quote")
        self.env.ref("openfire_crm_stage.automation_quote_to_quote").active = False
        self._extra_queries_per_event(rule, self._send_quotes, 1)  # warm-up
        one = self._extra_queries_per_event(rule, self._send_quotes, 1)
        twenty = self._extra_queries_per_event(rule, self._send_quotes, 20)
        self.assertLessEqual(one, 14)
        self.assertLessEqual(twenty, 20 * 4 + one)

    def test_a_rule_made_from_the_stage_costs_what_the_shipped_rule_costs(self):
        shipped = self.env.ref("openfire_crm_stage.automation_quote_to_quote")
        # warmed on as many quotes as measured: what a first run of 5 fills once
        # would otherwise land in one measurement only
        self._extra_queries_per_event(shipped, self._create_quotes, 5)
        shipped_cost = self._extra_queries_per_event(shipped, self._create_quotes, 5)
        shipped.active = False
        line = self.env["crm.stage.automation"].create(
            {"stage_id": self.stage_quote.id, "event": "quote_created"}
        )
        self._extra_queries_per_event(line.rule_id, self._create_quotes, 5)
        made_cost = self._extra_queries_per_event(line.rule_id, self._create_quotes, 5)
        self.assertEqual(made_cost, shipped_cost)
