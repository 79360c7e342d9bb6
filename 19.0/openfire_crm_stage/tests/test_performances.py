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
