from odoo import Command
from odoo.exceptions import RedirectWarning
from odoo.tests import tagged

from .test_stage_gates import StageGateCase


@tagged("post_install", "-at_install", "openfire_crm_stage", "stage_gates")
class TestStageGateFreeWays(StageGateCase):
    """Only entering a stage is checked: what is already there, leaving, merges,
    history and clean-up are free; automated moves skip the stage and say why."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # in the Quote stage from before its requirements: nothing filled in
        cls.in_quote = cls._create_opportunity(name="Hotel sprinklers")
        cls.in_quote.with_context(skip_stage_gates=True).stage_id = cls.stage_quote

    def test_opportunity_already_in_the_stage_is_edited_and_saved_there(self):
        self._as_salesman(self.in_quote).write(
            {"name": "Hotel sprinklers, 3 floors", "stage_id": self.stage_quote.id}
        )
        self.assertEqual(self.in_quote.stage_id, self.stage_quote)

    def test_leaving_is_free_coming_back_is_checked(self):
        self._as_salesman(self.in_quote).stage_id = self.stage_won
        self.assertEqual(self.in_quote.stage_id, self.stage_won)
        with self.assertRaises(RedirectWarning, msg="backward into it is entering it"):
            self._as_salesman(self.in_quote).stage_id = self.stage_quote
        self.assertEqual(self.in_quote.stage_id, self.stage_won)

    def test_merge_may_move_the_opportunity_kept_into_a_gated_stage(self):
        team_stage = self.env["crm.stage"].create(
            {"name": "Team 2 intake", "sequence": 0, "team_id": self.team_mc.id}
        )
        first_stage = self.env["crm.stage"].search(
            [("team_id", "in", (self.sales_team_1.id, False))], limit=1
        )
        kept, merged = self._create_opportunity(name="Kept") | self._create_opportunity(
            name="Merged"
        )
        (kept | merged).stage_id = team_stage
        first_stage.gate_field_ids = self._lead_fields("expected_revenue")
        kept.probability = 90
        head = (kept | merged).merge_opportunity(team_id=self.sales_team_1.id)
        self.assertEqual(head, kept)
        self.assertEqual(kept.stage_id, first_stage, "crm's merge moved it")
        self.assertFalse(head.env.context.get("skip_stage_gates"))

    def test_history_import_by_a_settings_user_skips_requirements(self):
        skipping = {"skip_stage_gates": True}
        with self.assertRaises(RedirectWarning, msg="a rep's call cannot skip them"):
            self._as_salesman(self.opportunity).with_context(
                **skipping
            ).stage_id = self.stage_quote
        self.opportunity.with_user(self.env.ref("base.user_admin")).with_context(
            **skipping
        ).stage_id = self.stage_quote
        self.assertEqual(self.opportunity.stage_id, self.stage_quote)

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

    # Automated moves

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
