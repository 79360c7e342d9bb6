from odoo import Command
from odoo.tests import new_test_user, tagged

from .common import StageAutomationCase
from .test_stage_automation import ACTION_LOGGER, LEAD_LOGGER


@tagged("post_install", "-at_install", "crm_stage_automation")
class TestStageAutomationGuards(StageAutomationCase):
    """What an automated move never does, and what it skips without blocking
    the event behind it."""

    def test_rules_never_move_backwards(self):
        self.opportunity.stage_id = self.env["crm.stage"].create(
            {"name": "Negotiation", "sequence": 42}
        )
        self._plan_meeting()
        self.assertEqual(self.opportunity.stage_id.name, "Negotiation")
        self.assertFalse(self._last_explanation(self.opportunity))

    def test_rules_never_touch_won_opportunities(self):
        self.opportunity.stage_id = self.stage_won
        self._plan_meeting()
        self.assertEqual(self.opportunity.stage_id, self.stage_won)

    def test_rules_never_touch_lost_opportunities(self):
        self.opportunity.action_set_lost()
        self._plan_meeting()
        self.assertFalse(self.opportunity.active)
        self.assertEqual(self.opportunity.stage_id, self.stage_new)

    def test_renamed_stage_is_still_found(self):
        self.stage_proposal.name = "Commercial proposal"
        self._plan_meeting()
        self.assertEqual(self.opportunity.stage_id, self.stage_proposal)

    def test_rule_left_without_target_stage_is_skipped_with_a_log(self):
        self.rule_meeting.action_server_ids.crm_stage_id = False
        with self.assertLogs(LEAD_LOGGER, "WARNING") as logs:
            meeting = self._plan_meeting()
        self.assertIn("target stage was deleted", logs.output[0])
        self.assertTrue(meeting.exists(), "the meeting goes through")
        self.assertEqual(self.opportunity.stage_id, self.stage_new)

    def test_rule_on_a_record_without_opportunity_is_skipped_with_a_log(self):
        self.env["base.automation"].create(
            {
                "name": "New contact: to Proposal",
                "model_id": self.env["ir.model"]._get_id("res.partner"),
                "trigger": "on_create",
                "action_server_ids": [
                    Command.create(
                        {
                            "name": "Move forward to Proposal",
                            "model_id": self.env["ir.model"]._get_id("res.partner"),
                            "state": "crm_stage",
                            "crm_stage_id": self.stage_proposal.id,
                        }
                    )
                ],
            }
        )
        with self.assertLogs(ACTION_LOGGER, "WARNING") as logs:
            partner = self.env["res.partner"].create({"name": "Brest fire brigade"})
        self.assertIn("res.partner has no opportunity", logs.output[0])
        self.assertTrue(partner.exists())

    def test_team_stage_is_only_used_by_its_team(self):
        stage_team_proposal = self.env["crm.stage"].create(
            {
                "name": "Proposal (team 1)",
                "sequence": 42,
                "team_ids": self.sales_team_1.ids,
            }
        )
        self.rule_meeting.action_server_ids.crm_stage_id = stage_team_proposal
        other_team = self._create_opportunity(team_id=self.team_mc.id)
        with self.assertLogs(LEAD_LOGGER, "WARNING") as logs:
            self._plan_meeting(opportunity=other_team)
        self.assertIn("not used by their company or sales team", logs.output[0])
        self.assertEqual(other_team.stage_id, self.stage_new)
        self._plan_meeting()
        self.assertEqual(self.opportunity.stage_id, stage_team_proposal)

    def test_stage_of_another_company_is_skipped_and_the_meeting_goes_through(self):
        """With stages given a company (OCA's crm_stage_multi_company), a move
        toward a stage another company uses is skipped, not refused."""
        if "company_id" not in self.env["crm.stage"]._fields:
            self.skipTest("stages have no company without crm_stage_multi_company")
        self.stage_proposal.company_id = self.company_main
        opportunity = self._create_opportunity(
            team_id=self.team_c2.id, company_id=self.company_2.id, user_id=False
        )
        with self.assertLogs(LEAD_LOGGER, "WARNING") as logs:
            meeting = self._plan_meeting(opportunity=opportunity)
        self.assertIn("not used by their company or sales team", logs.output[0])
        self.assertTrue(meeting.exists())
        self.assertEqual(opportunity.stage_id, self.stage_new)

    def test_stage_shared_by_other_teams_is_skipped(self):
        self.stage_proposal.team_ids = self.team_c2 + self.team_mc
        with self.assertLogs(LEAD_LOGGER, "WARNING") as logs:
            self._plan_meeting()
        self.assertIn("not used by their company or sales team", logs.output[0])
        self.assertEqual(self.opportunity.stage_id, self.stage_new)

    def test_rule_with_another_action_runs_both(self):
        self.rule_meeting.action_server_ids = [
            Command.create(
                {
                    "name": "Locate the meeting",
                    "model_id": self.env["ir.model"]._get_id("calendar.event"),
                    "state": "code",
                    "code": "records.write({'location': 'Boiler room'})",
                }
            )
        ]
        meeting = self._plan_meeting()
        self.assertEqual(meeting.location, "Boiler room")
        self.assertEqual(self.opportunity.stage_id, self.stage_proposal)

    def test_rule_restricted_to_other_groups_is_skipped(self):
        self.rule_meeting.action_server_ids.group_ids = self.env.ref(
            "base.group_system"
        )
        self.env = self.env(user=self.user_sales_salesman)
        with self.assertLogs(ACTION_LOGGER, "WARNING") as logs:
            meeting = self._plan_meeting(
                opportunity=self.opportunity.with_env(self.env)
            )
        self.assertIn("restricted to other user groups", logs.output[0])
        self.assertTrue(meeting.exists(), "the meeting goes through")
        self.assertEqual(self.opportunity.stage_id, self.stage_new)

    def test_restricted_rule_on_the_opportunity_is_skipped_the_same_way(self):
        rule = self._rule_on_priority()
        rule.action_server_ids.group_ids = self.env.ref("base.group_system")
        opportunity = self.opportunity.with_user(self.user_sales_salesman)
        with self.assertLogs(ACTION_LOGGER, "WARNING") as logs:
            opportunity.priority = "3"
            self._flush()
        self.assertIn("restricted to other user groups", logs.output[0])
        self.assertEqual(opportunity.priority, "3", "the edit goes through")
        self.assertEqual(self.opportunity.stage_id, self.stage_new)

    def test_opportunity_the_user_may_not_edit_is_left_alone(self):
        """A meeting on a colleague's opportunity is saved for a salesman who sees
        only his own documents by a trusted path (crm logs it in the
        opportunity's chatter as superuser): the meeting is saved, nothing
        moves."""
        own_documents = new_test_user(
            self.env,
            login="own_documents",
            groups="sales_team.group_sale_salesman",
        )
        self.assertFalse(
            self.opportunity.with_user(own_documents)._filtered_access("read")
        )
        self.env = self.env(user=own_documents, su=True)
        with self.assertLogs(LEAD_LOGGER, "WARNING") as logs:
            meeting = self._plan_meeting(
                opportunity=self.opportunity.with_env(self.env),
                user_id=own_documents.id,
            )
        self.assertIn("may not edit them", logs.output[0])
        self.assertTrue(meeting.exists())
        self.assertEqual(self.opportunity.stage_id, self.stage_new)
        self.assertFalse(self._explanations(self.opportunity))

    def test_repeated_events_give_one_move_and_one_explanation(self):
        self._plan_meeting()
        self._plan_meeting()
        self.assertEqual(self.opportunity.stage_id, self.stage_proposal)
        self.assertEqual(len(self._explanations(self.opportunity)), 1)

    def test_action_run_without_a_record_does_nothing(self):
        action = self.rule_meeting.action_server_ids
        self.assertFalse(action.with_context(active_model="calendar.event").run())
        self.assertEqual(self.opportunity.stage_id, self.stage_new)
