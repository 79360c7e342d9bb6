from functools import partial
from unittest.mock import patch

from odoo import Command
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


@tagged("post_install", "-at_install", "openfire_crm_stage", "performance")
class TestStageGatePerformances(OpenfireStageCase):
    """What a stage's requirements add to moving opportunities into it: nothing
    when it has none, a fixed handful of queries otherwise."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_quote.write(
            {
                "gate_field_ids": [
                    Command.set(
                        [
                            cls.env["ir.model.fields"]._get("crm.lead", name).id
                            for name in ("expected_revenue", "partner_id")
                        ]
                    )
                ],
                "gate_quote": "created",
            }
        )
        # the quotes below are requirements met, not moves
        cls.env["base.automation"].search([]).active = False

    def _opportunities(self, count):
        """``count`` opportunities of the salesman in New, meeting the Quote
        stage's requirements."""
        env = self.env(su=True)
        leads = env["crm.lead"].create(
            [
                {
                    "name": f"Site {index}",
                    "type": "opportunity",
                    "stage_id": self.stage_new.id,
                    "partner_id": self.customer.id,
                    "expected_revenue": 1000,
                    "user_id": self.user_sales_salesman.id,
                    "team_id": self.sales_team_1.id,
                    "company_id": self.company_main.id,
                }
                for index in range(count)
            ]
        )
        env["sale.order"].create(
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
        return leads.with_env(self.env)

    def _assert_move_adds(self, stage, count, extra):
        """Moving ``count`` opportunities into ``stage`` costs ``extra`` queries
        more than with the requirements not checked at all (as the salesman; each
        way once to warm the caches, then once counted: whatever ran before, and
        whatever the database holds; the pipeline's save of a dragged card for one
        opportunity, the list's multi-edit for several)."""
        counts = {}
        for skip in (True, False, True, False):
            leads = self._opportunities(count)
            if count == 1:
                move = partial(
                    leads.web_save,
                    {"stage_id": stage.id},
                    specification={
                        "stage_id": {"fields": {"display_name": {}}},
                        "probability": {},
                    },
                )
            else:
                # mail tracking writes one message per lead, in vanilla Odoo too
                move = partial(
                    leads.with_context(tracking_disable=True).write,
                    {"stage_id": stage.id},
                )
            with patch.object(type(leads), "_stage_gates_skipped", return_value=skip):
                counts[skip] = self._queries_of(move)
            self.assertEqual(leads.stage_id, stage)
        if self.warm:
            self.assertEqual(counts[False] - counts[True], extra, counts)

    @users("user_sales_salesman")
    @warmup
    def test_stage_without_requirements_adds_one_query(self):
        # the lock of the stage entered
        self._assert_move_adds(self.stage_estimate, 1, 1)
        self._assert_move_adds(self.stage_estimate, 30, 1)

    @users("user_sales_salesman")
    @warmup
    def test_drag_into_a_stage_with_requirements_adds_three_queries(self):
        # the lock, its fields to fill and its quotes
        self._assert_move_adds(self.stage_quote, 1, 3)

    @users("user_sales_salesman")
    @warmup
    def test_bulk_move_into_a_stage_with_requirements_adds_three_queries(self):
        # the lock, its fields to fill and its quotes, for 2 opportunities as for 30
        self._assert_move_adds(self.stage_quote, 2, 3)
        self._assert_move_adds(self.stage_quote, 30, 3)
