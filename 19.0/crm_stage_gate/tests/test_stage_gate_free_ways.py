from odoo.exceptions import RedirectWarning
from odoo.tests import tagged

from .common import StageGateCase


@tagged("post_install", "-at_install", "crm_stage_gate")
class TestStageGateFreeWays(StageGateCase):
    """Only entering a stage is checked: what is already there, leaving, merges
    and history are free."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # in the Proposal stage from before its requirements: nothing filled in
        # by a Settings user importing history: True in the superuser's own
        # environments would be compared with a merge's recordset (a warning)
        cls.in_quote = cls._create_opportunity(name="Hotel sprinklers")
        cls.in_quote.with_user(cls.env.ref("base.user_admin")).with_context(
            skip_stage_gates=True
        ).stage_id = cls.stage_quote

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
            {"name": "Team 2 intake", "sequence": 0, "team_ids": self.team_mc.ids}
        )
        first_stage = self.env["crm.lead"]._stage_find(team_id=self.sales_team_1.id)
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
