from odoo import Command
from odoo.tests import new_test_user, tagged

from .test_stage_automation import ACTION_LOGGER, LEAD_LOGGER, StageAutomationCase


@tagged("post_install", "-at_install", "openfire_crm_stage", "stage_automation")
class TestStageAutomationGuards(StageAutomationCase):
    """What an automated move never does, and what it skips without blocking
    the event behind it."""

    def test_rules_never_move_backwards(self):
        self.opportunity.stage_id = self.stage_quote
        self._new_order(costing_type="estimate")
        self.assertEqual(self.opportunity.stage_id, self.stage_quote)
        self.assertFalse(self._last_explanation(self.opportunity))

    def test_rules_never_touch_won_opportunities(self):
        self.opportunity.action_set_won()
        self._new_order(costing_type="estimate")
        self.assertEqual(self.opportunity.stage_id, self.stage_won)
        self.assertEqual(self.opportunity.probability, 100)

    def test_rules_never_touch_lost_opportunities(self):
        self.opportunity.action_set_lost()
        self._new_order()
        self.assertFalse(self.opportunity.active)
        self.assertEqual(self.opportunity.stage_id, self.stage_new)
        self.assertEqual(self.opportunity.probability, 0)

    def test_renamed_stage_is_still_found(self):
        self.stage_quote.name = "Commercial proposal"
        self._new_order()
        self.assertEqual(self.opportunity.stage_id, self.stage_quote)

    def test_rule_left_without_target_stage_is_skipped_with_a_log(self):
        self.rule_quote.action_server_ids.crm_stage_id = False
        with self.assertLogs(LEAD_LOGGER, "WARNING") as logs:
            order = self._new_order()
        self.assertIn("target stage was deleted", logs.output[0])
        self.assertTrue(order.exists(), "the quote goes through")
        self.assertEqual(self.opportunity.stage_id, self.stage_new)

    def test_rule_on_a_record_without_opportunity_is_skipped_with_a_log(self):
        self.env["base.automation"].create(
            {
                "name": "New contact: to Quote",
                "model_id": self.env["ir.model"]._get_id("res.partner"),
                "trigger": "on_create",
                "action_server_ids": [
                    Command.create(
                        {
                            "name": "Move forward to Quote",
                            "model_id": self.env["ir.model"]._get_id("res.partner"),
                            "state": "crm_stage",
                            "crm_stage_id": self.stage_quote.id,
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
        stage_team_quote = self.env["crm.stage"].create(
            {
                "name": "Quote (team 1)",
                "sequence": 4,
                "probability": 75,
                "on_change": True,
                "team_id": self.sales_team_1.id,
            }
        )
        self.rule_quote.action_server_ids.crm_stage_id = stage_team_quote
        other_team = self._create_opportunity(team_id=self.team_mc.id)
        with self.assertLogs(LEAD_LOGGER, "WARNING") as logs:
            self._new_order(opportunity=other_team)
        self.assertIn("not used by their company or sales team", logs.output[0])
        self.assertEqual(other_team.stage_id, self.stage_new)
        self._new_order()
        self.assertEqual(self.opportunity.stage_id, stage_team_quote)
        self.assertEqual(self.opportunity.probability, 75)

    def test_stage_of_another_company_is_skipped_and_the_quote_goes_through(self):
        """With stages given a company (OCA's crm_stage_multi_company), a move
        toward a stage another company uses is skipped, not refused."""
        if "company_id" not in self.env["crm.stage"]._fields:
            self.skipTest("stages have no company without crm_stage_multi_company")
        self.stage_quote.company_id = self.company_main
        opportunity = self._create_opportunity(
            team_id=self.team_c2.id, company_id=self.company_2.id, user_id=False
        )
        with self.assertLogs(LEAD_LOGGER, "WARNING") as logs:
            order = self._new_order(
                opportunity=opportunity, company_id=self.company_2.id
            )
        self.assertIn("not used by their company or sales team", logs.output[0])
        self.assertTrue(order.exists())
        self.assertEqual(opportunity.stage_id, self.stage_new)

    def test_stage_of_other_teams_is_skipped_whichever_module_restricts_it(self):
        """OCA's crm_stage_multi_team gives stages several teams (team_ids)."""
        if "team_ids" not in self.env["crm.stage"]._fields:
            self.skipTest("stages have one team without crm_stage_multi_team")
        self.env = self.env(
            context=dict(self.env.context, test_crm_stage_multi_team=True)
        )
        self.stage_quote.team_ids = self.team_c2
        with self.assertLogs(LEAD_LOGGER, "WARNING") as logs:
            self._new_order(opportunity=self.opportunity.with_env(self.env))
        self.assertIn("not used by their company or sales team", logs.output[0])
        self.assertEqual(self.opportunity.stage_id, self.stage_new)

    def test_rule_with_another_action_runs_both(self):
        self.rule_quote.action_server_ids = [
            Command.create(
                {
                    "name": "Reference the quote",
                    "model_id": self.env["ir.model"]._get_id("sale.order"),
                    "state": "code",
                    "code": "records.write({'client_order_ref': 'SDIS-35'})",
                }
            )
        ]
        order = self._new_order()
        self.assertEqual(order.client_order_ref, "SDIS-35")
        self.assertEqual(self.opportunity.stage_id, self.stage_quote)

    def test_rule_restricted_to_other_groups_is_skipped(self):
        self.rule_quote.action_server_ids.groups_id = self.env.ref("base.group_system")
        self.env = self.env(user=self.user_sales_salesman)
        with self.assertLogs(ACTION_LOGGER, "WARNING") as logs:
            order = self._new_order(opportunity=self.opportunity.with_env(self.env))
        self.assertIn("restricted to other user groups", logs.output[0])
        self.assertTrue(order.exists(), "the quote goes through")
        self.assertEqual(self.opportunity.stage_id, self.stage_new)

    def test_restricted_rule_on_the_opportunity_is_skipped_the_same_way(self):
        rule = self._rule_on_priority()
        rule.action_server_ids.groups_id = self.env.ref("base.group_system")
        opportunity = self.opportunity.with_user(self.user_sales_salesman)
        with self.assertLogs(ACTION_LOGGER, "WARNING") as logs:
            opportunity.priority = "3"
            self._flush()
        self.assertIn("restricted to other user groups", logs.output[0])
        self.assertEqual(opportunity.priority, "3", "the edit goes through")
        self.assertEqual(self.opportunity.stage_id, self.stage_new)

    def test_opportunity_the_user_may_not_edit_is_left_alone(self):
        """A salesman who sees only his own documents quotes a colleague's
        opportunity (its id sent over RPC): the quote is saved, nothing moves."""
        own_documents = new_test_user(
            self.env,
            login="own_documents",
            groups="sales_team.group_sale_salesman",
        )
        self.assertFalse(
            self.opportunity.with_user(own_documents)._filtered_access("read")
        )
        self.env = self.env(user=own_documents)
        with self.assertLogs(LEAD_LOGGER, "WARNING") as logs:
            order = self._new_order(
                opportunity=self.opportunity.with_env(self.env),
                user_id=own_documents.id,
            )
        self.assertIn("may not edit them", logs.output[0])
        self.assertTrue(order.exists())
        self.assertEqual(self.opportunity.stage_id, self.stage_new)
        self.assertFalse(self._explanations(self.opportunity))

    def test_repeated_events_give_one_move_and_one_explanation(self):
        self._new_order()
        self._new_order()
        self._new_order(costing_type="estimate")
        self.assertEqual(self.opportunity.stage_id, self.stage_quote)
        self.assertEqual(len(self._explanations(self.opportunity)), 1)

    def test_action_run_without_a_record_does_nothing(self):
        action = self.rule_quote.action_server_ids
        self.assertFalse(action.with_context(active_model="sale.order").run())
        self.assertEqual(self.opportunity.stage_id, self.stage_new)
