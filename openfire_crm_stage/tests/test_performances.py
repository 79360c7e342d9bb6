from odoo.tests import tagged, users, warmup

from .common import OpenfireStageCase


@tagged("post_install", "-at_install")
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

    def _assert_queries(self, operation, expected):
        """``operation`` costs ``expected`` queries on a stage with 2 and with 60 leads
        (run as a sales administrator, once to warm the caches, once counted)."""
        for stage in (self.stage_small, self.stage_large):
            self.env.invalidate_all()
            with (
                self.subTest(stage=stage.name),
                self.assertQueryCount(user_sales_manager=expected),
            ):
                operation(stage.with_env(self.env))

    @users("user_sales_manager")
    @warmup
    def test_deletion_check_is_one_query(self):
        self._assert_queries(lambda stage: stage._count_leads_by_activity(), 1)

    @users("user_sales_manager")
    @warmup
    def test_stage_probability_edit_is_a_fixed_handful_of_queries(self):
        def edit(stage):
            stage.probability += 5

        self._assert_queries(edit, 7)
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

        self._assert_queries(move, 8)
        self.assertFalse(
            self.env["crm.lead"].search_count([("stage_id", "=", self.stage_large.id)])
        )

    def _queue_quotes(self, count, stage):
        """Create ``count`` quotes for as many opportunities in ``stage``: the rules
        queue their moves until the end of the transaction."""
        leads = self.env["crm.lead"].create(
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
        self.env.flush_all()
        return leads

    def _queries_of_pending_moves(self, **context):
        before = self.cr.sql_log_count
        self.env["ir.actions.server"].with_context(
            **context
        )._apply_pending_stage_moves()
        return self.cr.sql_log_count - before

    def _queries_for_2_and_40_quotes(self, stage, **context):
        self._queue_quotes(1, stage)  # warms the caches up
        self._queries_of_pending_moves(**context)
        counts = []
        for count in (2, 40):
            leads = self._queue_quotes(count, stage)
            self.env.invalidate_all()
            counts.append(self._queries_of_pending_moves(**context))
            self.assertEqual(set(leads.mapped("stage_id")), {self.stage_quote})
        return counts

    def test_rule_check_costs_the_same_for_2_or_40_quotes(self):
        small, large = self._queries_for_2_and_40_quotes(self.stage_quote)
        self.assertEqual(small, large)
        self.assertLessEqual(large, 10)

    def test_moves_for_2_or_40_quotes_cost_the_same(self):
        # mail tracking logs each stage change on its own, as for any stage change
        small, large = self._queries_for_2_and_40_quotes(
            self.stage_new, tracking_disable=True
        )
        self.assertEqual(small, large)

    def _queries_to_send(self, count):
        """Queries of sending ``count`` quotes whose opportunities already sit in
        the Quote stage (the rule checks them and moves nothing)."""
        leads = self._queue_quotes(count, self.stage_quote)
        orders = leads.order_ids
        self.env.cr.flush()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        for order in orders:
            order.with_context(mark_so_as_sent=True).message_post(
                body="Your quote",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.env.cr.flush()
        return self.cr.sql_log_count - before

    def _extra_queries_per_quote_sent(self):
        self._queries_to_send(1)  # warms the caches up
        return self._queries_to_send(10) - self._queries_to_send(2)

    def test_rules_add_no_query_per_quote_sent(self):
        with_rules = self._extra_queries_per_quote_sent()
        self.env.ref("openfire_crm_stage.automation_quote_sent_to_quote").active = False
        without_rules = self._extra_queries_per_quote_sent()
        self.assertEqual(with_rules, without_rules)
